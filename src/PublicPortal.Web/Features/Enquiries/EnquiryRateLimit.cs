using System.Threading.RateLimiting;

namespace PublicPortal.Web.Features.Enquiries;

public static class EnquiryRateLimit
{
    /// <summary>A fixed window of posts per client (an IPv4 address, an IPv6 /64); opening a form page (GET) is never limited.</summary>
    public static RateLimitPartition<string> PostsPerAddress(HttpContext http, int permitLimit, int windowMinutes)
    {
        ArgumentNullException.ThrowIfNull(http);
        return HttpMethods.IsPost(http.Request.Method)
            ? Web.RateLimits.PerClient(http, permitLimit, TimeSpan.FromMinutes(windowMinutes))
            : RateLimitPartition.GetNoLimiter("get");
    }
}
