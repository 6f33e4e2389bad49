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
