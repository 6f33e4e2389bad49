using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Admin;

/// <summary>
/// Attempts per account (sign-in by normalised e-mail, known or not; the code step by user id), whatever addresses they
/// come from: the per-address limit alone lets a spread of addresses keep guessing one account. Shared by every node
/// when there are several (<see cref="SharedRateLimits"/>).
/// </summary>
public sealed class AccountRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AccountRateLimiter(IOptions<SignInOptions> options, SharedRateLimits? shared = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.AccountPermitLimit;
        var window = TimeSpan.FromMinutes(options.Value.AccountWindowMinutes);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => shared is not null
            ? shared.FixedWindow("account:" + key, limit, window)
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit,
                Window = window,
                QueueLimit = 0,
            }));
    }

    public static string SignInKey(UserManager<PortalUser> users, string email)
    {
        ArgumentNullException.ThrowIfNull(users);
        return "sign-in:" + users.NormalizeEmail(email.Trim());
    }

    public static string TwoFactorKey(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return "2fa:" + user.Id;
    }

    /// <summary>Null when the attempt may go on; otherwise a 429 (with Retry-After) that the status page explains in Vietnamese.</summary>
    public async Task<IActionResult?> RefuseAsync(string key, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        // Asynchronous: a shared window is asked in Redis (a local one answers at once, never queueing).
        using var lease = await _limiter.AcquireAsync(key);
        if (lease.IsAcquired) return null;
        response.Headers.RetryAfter = RateLimits.Seconds(lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1));
        return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => _limiter.Dispose();
}
