using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace PublicPortal.Web.Features.Web;

/// <summary>
/// Fixed windows kept in Redis (RedisRateLimiting), registered when ConnectionStrings:Redis is set: the limits that
/// guard accounts and inboxes (sign-in, the authenticator step, enquiries) then hold across every node, so spreading
/// attempts over nodes does not multiply them. Should Redis be unreachable, each node's own window takes over for that
/// request rather than refusing or failing it.
/// </summary>
public sealed class SharedRateLimits(IConnectionMultiplexer redis, string prefix, ILogger<SharedRateLimits> logger)
{
    /// <summary>A window of <paramref name="permitLimit"/> per <paramref name="window"/> for <paramref name="key"/> (which names its policy).</summary>
    public RateLimitPartition<string> FixedWindow(string key, int permitLimit, TimeSpan window) =>
        RateLimitPartition.Get(key, k => new FallingBackLimiter(
            new RedisFixedWindowRateLimiter<string>(prefix + k, new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis, PermitLimit = permitLimit, Window = window,
            }),
            new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0 }),
            logger));

    // Entries at or before now - window have left the window; a full window answers when its oldest entry leaves.
    private const string TakeFromLogScript = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
          local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
          return tonumber(oldest[2]) + window - now
        end
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], window)
        return 0
        """;

    /// <summary>
    /// Takes a place for <paramref name="entry"/> in a sliding window of <paramref name="permitLimit"/> per
    /// <paramref name="window"/> kept in Redis (one atomic script), timed by the site's clock: <see cref="TimeSpan.Zero"/>
    /// when taken, otherwise how long until a place frees. Throws <see cref="RedisException"/> when Redis is unreachable,
    /// so the caller can fall back to its own window.
    /// </summary>
    public async Task<TimeSpan> TakeFromLogAsync(string key, string entry, int permitLimit, TimeSpan window, DateTimeOffset now)
    {
        var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(TakeFromLogScript, [prefix + key],
            [now.ToUnixTimeMilliseconds(), (long)window.TotalMilliseconds, permitLimit, entry]);
        return TimeSpan.FromMilliseconds(wait);
    }

    /// <summary>Gives back a place taken by <see cref="TakeFromLogAsync"/>; throws when Redis is unreachable.</summary>
    public Task GiveBackToLogAsync(string key, string entry) => redis.GetDatabase().SortedSetRemoveAsync(prefix + key, entry);

    /// <summary>Redis first; this node's own window when Redis fails.</summary>
    private sealed class FallingBackLimiter(RateLimiter shared, RateLimiter local, ILogger logger) : RateLimiter
    {
        public override TimeSpan? IdleDuration => shared.IdleDuration is { } a && local.IdleDuration is { } b ? (a < b ? a : b) : null;

        public override RateLimiterStatistics? GetStatistics() => shared.GetStatistics();

        // No answer without asking Redis: a failed attempt makes the middleware ask asynchronously.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => shared.AttemptAcquire(permitCount);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            try
            {
                return await shared.AcquireAsync(permitCount, cancellationToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning(ex, "Rate limit: Redis unreachable; this node's own window applies");
                return await local.AcquireAsync(permitCount, cancellationToken);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                shared.Dispose();
                local.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
