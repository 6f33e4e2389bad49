using System.Threading.RateLimiting;

namespace PublicPortal.Web.Features.Enquiries;

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
