namespace PublicPortal.Web.Features.Content;

/// <summary>
/// This process's view of the change feed: writers signal it after a commit, the processor reports how far every
/// handler has applied, and a writer can wait for that to reach its own record.
/// </summary>
public sealed class ChangeFeed
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _signal = NewSignal();
    private TaskCompletionSource _progress = NewSignal();
    private long _applied = -1;

    /// <summary>False outside the web host (the command line): nothing applies the feed there, so nobody waits for it.</summary>
    public bool Following { get; internal set; }

    /// <summary>Every handler has applied the records up to this sequence.</summary>
    public long AppliedThrough => Interlocked.Read(ref _applied);

    /// <summary>A write of this process committed (other nodes hear of it through <see cref="ClusterChangeSignal"/>).</summary>
    public event Action? Committed;

    /// <summary>A write committed: wake whoever waits for writes (the processor, the scheduler) now rather than at their next poll.</summary>
    public void Notify()
    {
        Wake();
        Committed?.Invoke();
    }

    /// <summary>Another node committed a write: read the feed now rather than at the next poll.</summary>
    public void Wake()
    {
        TaskCompletionSource written;
        lock (_gate)
        {
            written = _signal;
            _signal = NewSignal();
        }
        written.TrySetResult();
    }

    /// <summary>Completes at the next <see cref="Notify"/>. Take it before doing the work, so a write during the work is not missed.</summary>
    public Task NextWrite
    {
        get
        {
            lock (_gate) return _signal.Task;
        }
    }

    internal void MarkApplied(long sequence)
    {
        lock (_gate)
        {
            if (sequence <= _applied) return;
            _applied = sequence;
            _progress.TrySetResult();
            _progress = NewSignal();
        }
    }

    /// <summary>Waits until the handlers have applied <paramref name="sequence"/>, at most <paramref name="timeout"/>; false when they have not.</summary>
    public async Task<bool> WaitAppliedAsync(long sequence, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!Following) return false;
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            Task progress;
            lock (_gate)
            {
                if (_applied >= sequence) return true;
                progress = _progress.Task;
            }
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return false;
            try
            {
                await progress.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
