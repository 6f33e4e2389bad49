using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;

namespace PublicPortal.Web.Features.Enquiries;

public sealed class EnquiryOptions
{
    public const string Section = "Portal:Enquiry";

    /// <summary>Accepted enquiries one client address may send per window (invalid and duplicate posts do not count).</summary>
    [Range(1, 1000)]
    public int PermitLimit { get; set; } = 5;

    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 10;

    /// <summary>
    /// Working days within which the agency undertakes to answer, when it has decided one; the thank-you page then states it.
    /// Unset, the page promises no time.
    /// </summary>
    [Range(1, 60)]
    public int? ReplyWithinWorkingDays { get; set; }
}

public static class EnquiryRateLimit
{
    public static WebApplicationBuilder AddEnquiries(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EnquiryOptions>().BindConfiguration(EnquiryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The limit is taken by the page, only when an enquiry is accepted, so a refusal can show the form with the buyer's words.
        builder.Services.AddSingleton<AcceptedEnquiryLimit>();
        builder.Services.AddScoped<EnquiryDesk>();
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
