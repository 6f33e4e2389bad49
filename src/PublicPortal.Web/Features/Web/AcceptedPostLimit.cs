using StackExchange.Redis;

namespace PublicPortal.Web.Features.Web;

/// <summary>
/// Accepted posts of a public form per client (see <see cref="RateLimits.ClientKey"/>) in a sliding window: failed
/// validations and refused duplicates cost the sender nothing, so someone who mistypes keeps every chance to send. With
/// several nodes (<see cref="SharedRateLimits"/>) the window is kept in Redis, so a client whose posts a load balancer
/// spreads over the nodes gets no more than on one; otherwise, and while Redis is unreachable, it is held in this node's
/// memory, where a client appears only after a post was stored and is forgotten once its window has passed.
/// </summary>
public abstract class AcceptedPostLimit(int permitLimit, int windowMinutes, string name, ILogger logger, SharedRateLimits? shared)
{
    private readonly Dictionary<string, Queue<DateTime>> _accepted = new(StringComparer.Ordinal);

    /// <summary>Held while one post is checked for a duplicate and stored, so a double click cannot pass the check twice.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public int PermitLimit => permitLimit;

    public int WindowMinutes => windowMinutes;

    private TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);

    private string SharedKey(string client) => name + "-accepted:" + client;

    public async Task<AcceptedPostPermit> TakeAsync(string client, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (shared is not null)
        {
            var entry = Guid.NewGuid().ToString("N");
            try
            {
                var wait = await shared.TakeFromLogAsync(SharedKey(client), entry, PermitLimit, Window, new DateTimeOffset(nowUtc, TimeSpan.Zero));
                return wait > TimeSpan.Zero ? AcceptedPostPermit.Refused(wait) : new AcceptedPostPermit(true, TimeSpan.Zero, client, nowUtc, entry);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "{Limit} limit: Redis unreachable; this node's own window applies", name);
            }
        }
        return TakeLocally(client, nowUtc);
    }

    /// <summary>Gives back a permit taken for a post that could not be stored.</summary>
    public async Task ReturnAsync(AcceptedPostPermit permit)
    {
        ArgumentNullException.ThrowIfNull(permit);
        if (!permit.Granted) return;
        if (permit.SharedEntry is not null)
        {
            try
            {
                await shared!.GiveBackToLogAsync(SharedKey(permit.Client), permit.SharedEntry);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // The place frees by itself when the window passes.
                logger.LogWarning(ex, "{Limit} limit: could not give back a place in Redis", name);
            }
            return;
        }
        lock (_accepted)
        {
            if (!_accepted.TryGetValue(permit.Client, out var times)) return;
            var kept = times.ToList();
            var at = kept.LastIndexOf(permit.TakenAtUtc);
            if (at < 0) return;
            kept.RemoveAt(at);
            _accepted[permit.Client] = new Queue<DateTime>(kept);
        }
    }

    private AcceptedPostPermit TakeLocally(string client, DateTime nowUtc)
    {
        lock (_accepted)
        {
            if (_accepted.Count > 1_000) Forget(nowUtc);
            if (!_accepted.TryGetValue(client, out var times)) _accepted[client] = times = new Queue<DateTime>();
            while (times.Count > 0 && times.Peek() <= nowUtc - Window) times.Dequeue();
            if (times.Count >= PermitLimit) return AcceptedPostPermit.Refused(times.Peek() + Window - nowUtc);
            times.Enqueue(nowUtc);
            return new AcceptedPostPermit(true, TimeSpan.Zero, client, nowUtc, null);
        }
    }

    private void Forget(DateTime nowUtc)
    {
        foreach (var (client, times) in _accepted.ToList())
            if (times.Count == 0 || times.Last() <= nowUtc - Window) _accepted.Remove(client);
    }
}
