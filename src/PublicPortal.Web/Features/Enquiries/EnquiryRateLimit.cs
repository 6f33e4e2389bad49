using System.Threading.RateLimiting;

namespace PublicPortal.Web.Features.Enquiries;

public static class EnquiryRateLimit
{
    /// <summary>A fixed window of posts per client (an IPv4 address, an IPv6 /64), shared by every node; opening a form page (GET) is never limited.</summary>
    public static RateLimitPartition<string> PostsPerAddress(HttpContext http, string policy, int permitLimit, int windowMinutes)
    {
        ArgumentNullException.ThrowIfNull(http);
        return HttpMethods.IsPost(http.Request.Method)
            ? Web.RateLimits.SharedPerClient(http, policy, permitLimit, TimeSpan.FromMinutes(windowMinutes))
            : RateLimitPartition.GetNoLimiter("get");
    }
}
