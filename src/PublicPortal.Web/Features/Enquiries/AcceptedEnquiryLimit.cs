using Microsoft.Extensions.Options;
using PublicPortal.Web.Features.Web;
using StackExchange.Redis;

namespace PublicPortal.Web.Features.Enquiries;

/// <summary>
/// Accepted enquiries per client (see <see cref="RateLimits.ClientKey"/>) in a sliding window: failed validations and
/// refused duplicates cost the buyer nothing, so a buyer who mistypes keeps every chance to send. With several nodes
/// (<see cref="SharedRateLimits"/>) the window is kept in Redis, so a client whose posts a load balancer spreads over the
/// nodes gets no more than on one; otherwise, and while Redis is unreachable, it is held in this node's memory, where a
/// client appears only after an enquiry was stored and is forgotten once its window has passed.
/// </summary>
public sealed class AcceptedEnquiryLimit(IOptions<EnquiryOptions> options, ILogger<AcceptedEnquiryLimit> logger, SharedRateLimits? shared = null)
{
    private readonly Dictionary<string, Queue<DateTime>> _accepted = new(StringComparer.Ordinal);

    /// <summary>Held while one enquiry is checked and stored (see <see cref="EnquiryDesk"/>).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public int PermitLimit => options.Value.PermitLimit;

    public int WindowMinutes => options.Value.WindowMinutes;

    private TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);

    private static string SharedKey(string client) => "enquiry-accepted:" + client;

    public async Task<AcceptedEnquiryPermit> TakeAsync(string client, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (shared is not null)
        {
            var entry = Guid.NewGuid().ToString("N");
            try
            {
                var wait = await shared.TakeFromLogAsync(SharedKey(client), entry, PermitLimit, Window, new DateTimeOffset(nowUtc, TimeSpan.Zero));
                return wait > TimeSpan.Zero ? AcceptedEnquiryPermit.Refused(wait) : new AcceptedEnquiryPermit(true, TimeSpan.Zero, client, nowUtc, entry);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Enquiry limit: Redis unreachable; this node's own window applies");
            }
        }
        return TakeLocally(client, nowUtc);
    }

    /// <summary>Gives back a permit taken for an enquiry that could not be stored.</summary>
    public async Task ReturnAsync(AcceptedEnquiryPermit permit)
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
                logger.LogWarning(ex, "Enquiry limit: could not give back a place in Redis");
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

    private AcceptedEnquiryPermit TakeLocally(string client, DateTime nowUtc)
    {
        lock (_accepted)
        {
            if (_accepted.Count > 1_000) Forget(nowUtc);
            if (!_accepted.TryGetValue(client, out var times)) _accepted[client] = times = new Queue<DateTime>();
            while (times.Count > 0 && times.Peek() <= nowUtc - Window) times.Dequeue();
            if (times.Count >= PermitLimit) return AcceptedEnquiryPermit.Refused(times.Peek() + Window - nowUtc);
            times.Enqueue(nowUtc);
            return new AcceptedEnquiryPermit(true, TimeSpan.Zero, client, nowUtc, null);
        }
    }

    private void Forget(DateTime nowUtc)
    {
        foreach (var (client, times) in _accepted.ToList())
            if (times.Count == 0 || times.Last() <= nowUtc - Window) _accepted.Remove(client);
    }
}
