using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Enquiries;
using PublicPortal.Web.Features.Events;
using PublicPortal.Web.Features.Feedback;
using PublicPortal.Web.Features.Feeds;
using PublicPortal.Web.Features.Links;
using PublicPortal.Web.Features.Mail;
using PublicPortal.Web.Features.Markdown;
using PublicPortal.Web.Features.Media;
using PublicPortal.Web.Features.Programme;
using PublicPortal.Web.Features.Search;
using PublicPortal.Web.Features.ShareImages;
using PublicPortal.Web.Features.Traffic;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>The composition of the site: each feature's module, added, used and mapped the same way, in one place.</summary>
public static class PortalApp
{
    public static WebApplication Build(string[] args)
    {
        // The application name decides where Razor Pages are discovered: this assembly, also when a test host builds it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PortalApp).Assembly.GetName().Name,
        });
        builder.AddPortal();
        if (CommandLine.PortalCommandLine.HasVerb(args))
        {
            // A verb prints its own progress; the host's information logs would only bury it.
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        }
        var app = builder.Build();
        app.UsePortal();
        return app;
    }

    /// <summary>Hosted services start in the order they are added: the database, then search, then the change feed.</summary>
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHosting();
        builder.AddWeb();
        builder.AddMarkdown();
        builder.AddContent();
        builder.AddCatalogue();
        builder.AddShareImages();
        builder.AddSearch();
        builder.AddChangeFeedProcessing();
        builder.AddMedia();
        builder.AddEnquiries();
        builder.AddFeedback();
        builder.AddMail();
        builder.AddLinkCheck();
        builder.AddTraffic();
        builder.AddAdmin();
        return builder;
    }

    /// <summary>The order matters: who the client is first, then errors, headers, counting (before the cache), files, routing, access, limits, the live figures written into pages, the cache.</summary>
    public static WebApplication UsePortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHosting();
        app.UseAdmin();
        app.UseWeb();
        app.UseTraffic();
        app.UseHostingFiles();
        app.UseRouting();
        app.UseContent();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseTwoFactorRequirement();
        app.UseRateLimiter();
        app.UseLiveFigures();
        app.UseSearchLog();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutputCacheSettings>>().Value.Enabled) app.UseOutputCache();
        app.MapHosting();
        app.MapContent();
        app.MapCatalogue();
        app.MapEvents();
        app.MapShareImages();
        app.MapSearch();
        app.MapProgramme();
        app.MapFeeds();
        app.MapMedia();
        app.MapRazorPages();
        app.Services.GetRequiredService<ReservedSlugs>().UseEndpoints(((IEndpointRouteBuilder)app).DataSources);
        return app;
    }
}
