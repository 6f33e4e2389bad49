using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// Applies the change feed to every handler. Each handler has its own mark (the last sequence it applied): on start,
/// records after it are applied before the site takes requests; after that, on every writer's signal and at each poll
/// (which is how a write by another process or node arrives). A failing handler is retried later from its mark; the
/// others go on, and no editor's save waits on it for long or fails because of it.
/// </summary>
public sealed class ChangeFeedProcessor(
    IEnumerable<IChangeHandler> handlers, IServiceScopeFactory scopes, ChangeFeed feed, IOptions<ChangeFeedOptions> options, ILogger<ChangeFeedProcessor> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    private sealed class Follower(IChangeHandler handler)
    {
        public IChangeHandler Handler { get; } = handler;
        public long Mark { get; set; } = -1;
        public int Failures { get; set; }
        public DateTime RetryAtUtc { get; set; }
    }

    private readonly List<Follower> _followers = handlers.OrderBy(h => h.Stage).Select(h => new Follower(h)).ToList();
    private bool _held;

    /// <summary>Catches up before the host goes on (so before the first request), then follows in the background.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Hold)
        {
            logger.LogWarning("The change feed is held (Portal:ChangeFeed:Hold): search and caches will not follow writes");
            _held = true;
            return;
        }
        var head = await HeadAsync(cancellationToken);
        foreach (var follower in _followers)
        {
            try
            {
                follower.Mark = await follower.Handler.StartingMarkAsync(head, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Change feed: {Handler} could not say where it stands; it starts from the beginning of the feed", follower.Handler.Name);
                follower.Mark = 0;
            }
        }
        // What this process has not seen — written while it was down, or committed just before it died — before the first request.
        try
        {
            await ApplyPendingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Change feed: catching up on start failed; the site starts and keeps trying");
        }
        feed.Following = true;
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_held) return;
        var poll = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var written = feed.NextWrite;
                await ApplyPendingAsync(stoppingToken);
                await Task.WhenAny(written, Task.Delay(poll, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Reading the feed failed (the database is busy or gone for a moment): try again at the next poll.
                logger.LogError(ex, "Change feed: reading the feed failed; retrying");
                try
                {
                    await Task.Delay(poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Applies everything after the lowest mark, in batches, giving each handler the records after its own mark.</summary>
    private async Task ApplyPendingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var from = _followers.Count == 0 ? long.MaxValue : _followers.Min(f => f.Mark);
            List<ChangeRecord> records;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                records = from == long.MaxValue ? [] : await db.ChangeRecords.AsNoTracking().Where(c => c.Sequence > from)
                    .OrderBy(c => c.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
                if (records.Count == 0)
                {
                    feed.MarkApplied(_followers.Count == 0 ? await HeadAsync(db, cancellationToken) : from);
                    return;
                }
            }
            var now = DateTime.UtcNow;
            foreach (var follower in _followers)
            {
                var mine = records.Where(r => r.Sequence > follower.Mark).ToList();
                if (mine.Count == 0 || follower.RetryAtUtc > now) continue;
                try
                {
                    await follower.Handler.ApplyAsync(mine, cancellationToken);
                    follower.Mark = mine[^1].Sequence;
                    follower.Failures = 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    follower.Failures++;
                    follower.RetryAtUtc = now + TimeSpan.FromSeconds(Math.Min(60, 1 << Math.Min(follower.Failures, 6)));
                    logger.LogError(ex, "Change feed: {Handler} failed on changes {From}–{To} (attempt {Attempt}); it will retry from the feed",
                        follower.Handler.Name, mine[0].Sequence, mine[^1].Sequence, follower.Failures);
                }
            }
            var lowest = _followers.Min(f => f.Mark);
            feed.MarkApplied(lowest);
            // A handler waiting to retry holds the lowest mark: stop here rather than reading the same batch again at once.
            if (lowest < records[^1].Sequence || records.Count < BatchSize) return;
        }
    }

    private async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await HeadAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), cancellationToken);
    }

    private static async Task<long> HeadAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.ChangeRecords.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
}
