using System.Threading.RateLimiting;

namespace PublicPortal.Web.Features.Web;

/// <summary>What every page shares: the rate limiter and how its refusals read, and the security headers.</summary>
public static class WebModule
{
    /// <summary>
    /// 429 (not the default 503) so clients and people read it as "slow down", with Retry-After; the status page,
    /// re-executed, says it in Vietnamese.
    /// </summary>
    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RouteOptions>(o => o.ConstraintMap[EnglishSectionRouteConstraint.Name] = typeof(EnglishSectionRouteConstraint));
        // Pages whose one view serves both languages (its strings from the resx files) get their English address here.
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
        {
            foreach (var (page, english) in EnglishSite.SharedPages) o.Conventions.AddPageRoute(page, english.TrimStart('/'));
        });
        // The one rate limiter of the site; features add their policies to its options (Configure<RateLimiterOptions>).
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry)) context.HttpContext.Response.Headers.RetryAfter = RateLimits.Seconds(retry);
                return ValueTask.CompletedTask;
            };
        });
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // The UI strings' language follows the address (English under /en/); formatting stays explicit in the code.
        app.Use((context, next) =>
        {
            System.Globalization.CultureInfo.CurrentUICulture = EnglishSite.IsEnglish(context) ? EnglishSite.Culture : Content.VietnameseText.Culture;
            // Forms' numbers come as browsers post them (1.5), whatever the host's locale; a vi-VN host would read 15.
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            return next(context);
        });
        return app;
    }
}
