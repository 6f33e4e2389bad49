using Microsoft.Extensions.Options;

namespace PublicPortal.Web.Features.Enquiries;

/// <summary>
/// Accepted enquiries per client (see <see cref="Web.RateLimits.ClientKey"/>) in a sliding window: failed validations and
/// refused duplicates cost the buyer nothing, so a buyer who mistypes keeps every chance to send. Held in memory: a client
/// appears here only after an enquiry was stored, and is forgotten once its window has passed.
/// </summary>
public sealed class AcceptedEnquiryLimit(IOptions<EnquiryOptions> options)
{
    private readonly Dictionary<string, Queue<DateTime>> _accepted = new(StringComparer.Ordinal);

    /// <summary>Held while one enquiry is checked and stored (see <see cref="EnquiryDesk"/>).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public int PermitLimit => options.Value.PermitLimit;

    public int WindowMinutes => options.Value.WindowMinutes;

    private TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);

    public bool TryTake(string client, DateTime nowUtc, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_accepted)
        {
            if (_accepted.Count > 1_000) Forget(nowUtc);
            if (!_accepted.TryGetValue(client, out var times)) _accepted[client] = times = new Queue<DateTime>();
            while (times.Count > 0 && times.Peek() <= nowUtc - Window) times.Dequeue();
            if (times.Count >= PermitLimit)
            {
                retryAfter = times.Peek() + Window - nowUtc;
                return false;
            }
            times.Enqueue(nowUtc);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Gives back a permit taken for an enquiry that could not be stored.</summary>
    public void Return(string client, DateTime takenAtUtc)
    {
        lock (_accepted)
        {
            if (!_accepted.TryGetValue(client, out var times)) return;
            var kept = times.ToList();
            var at = kept.LastIndexOf(takenAtUtc);
            if (at < 0) return;
            kept.RemoveAt(at);
            _accepted[client] = new Queue<DateTime>(kept);
        }
    }

    private void Forget(DateTime nowUtc)
    {
        foreach (var (client, times) in _accepted.ToList())
            if (times.Count == 0 || times.Last() <= nowUtc - Window) _accepted.Remove(client);
    }
}
