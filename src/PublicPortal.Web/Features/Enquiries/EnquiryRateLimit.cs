using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

namespace PublicPortal.Web.Features.Enquiries;

public sealed class EnquiryOptions
{
    public const string Section = "Portal:Enquiry";

    /// <summary>Enquiries one client address may send per window.</summary>
    [Range(1, 1000)]
    public int PermitLimit { get; set; } = 5;

    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 10;
}

public static class EnquiryRateLimit
{
    public const string Policy = "enquiry";

    public static WebApplicationBuilder AddEnquiries(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EnquiryOptions>().BindConfiguration(EnquiryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(EnquiryOptions.Section).Get<EnquiryOptions>() ?? new EnquiryOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            // 429 (not the default 503) so clients and people read it as "slow down"; the status page explains in Vietnamese.
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, http => PostsPerAddress(http, options.PermitLimit, options.WindowMinutes));
        });
        return builder;
    }

    /// <summary>A fixed window of posts per client (an IPv4 address, an IPv6 /64); opening a form page (GET) is never limited.</summary>
    public static RateLimitPartition<string> PostsPerAddress(HttpContext http, int permitLimit, int windowMinutes)
    {
        ArgumentNullException.ThrowIfNull(http);
        return HttpMethods.IsPost(http.Request.Method)
            ? Web.RateLimits.PerClient(http, permitLimit, TimeSpan.FromMinutes(windowMinutes))
            : RateLimitPartition.GetNoLimiter("get");
    }
}
