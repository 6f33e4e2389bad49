using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Enquiries;
using PublicPortal.Web.Features.Markdown;
using PublicPortal.Web.Features.Search;
using PublicPortal.Web.Features.Traffic;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Hosting;

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

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        UseRepositoryWebRoot(builder);

        builder.Services.AddOptions<PortalOptions>()
            .BindConfiguration(PortalOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Agency.Name.Length > 0, "Portal:Agency must be configured")
            .Validate(o => SiteUrls.IsOrigin(o.PublicOrigin), "Portal:PublicOrigin must be an http(s) origin such as https://langnghe.example.vn")
            .ValidateOnStart();
        builder.Services.AddSingleton<PortalPaths>();
        builder.Services.AddSingleton<SiteUrls>();
        LimitHosts(builder);
        builder.Services.TryAddSingletonTimeProvider();

        builder.Services.AddDbContext<PortalDbContext>((sp, options) =>
            options.UseSqlite($"Data Source={sp.GetRequiredService<PortalPaths>().DatabaseFile}"));
        builder.AddContent();
        builder.Services.AddScoped<Catalogue.CatalogueService>();
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.AddSearch();
        builder.AddChangeFeedProcessing();

        builder.AddRateLimitRefusals();
        builder.AddEnquiries();
        builder.AddVisitorCounter();
        builder.AddAdmin();
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        Media.MediaEndpoints.AddMedia(builder);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<MarkdownRenderer>();

        // Razor would otherwise write every Vietnamese letter as &#x...; entities.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AddPageApplicationModelConvention("/Error", m => m.Filters.Add(new Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute()));
            Admin.AdminRegistration.ProtectAdminArea(o);
        })
        // Forms say in Vietnamese what is missing; the implicit [Required] of non-nullable strings would add English.
        .AddMvcOptions(o => o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true);
        builder.Services.AddRouting(o => o.LowercaseUrls = true);
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.AddOutputCache(o =>
        {
            // Item pages only, each varied by the one query key it reads, so arbitrary query strings make no new entries.
            // Each page tags itself with the items and kinds it shows (OutputCacheTags); the change feed evicts by them.
            // Counting happens before the cache, so cached pages still count.
            o.AddPolicy(OutputCachePolicies.ItemPage, b => b.Expire(TimeSpan.FromSeconds(60)).SetVaryByQuery("other"));
        });
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<SearchIndexHealthCheck>("search")
            .AddCheck<DiskSpaceHealthCheck>("disk");
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseTrustedForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseExceptionHandler("/loi/500");
        app.UseStatusCodePagesWithReExecute("/loi/{0}");
        app.UseNoStoreForAccounts();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseVisitorCounter();
        app.UseResponseCompression();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx =>
            {
                // Versioned URLs (?v=hash from asp-append-version) may be kept for a year; the rest for an hour.
                var versioned = ctx.Context.Request.Query.ContainsKey("v");
                ctx.Context.Response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600";
            },
        });
        app.UseMediaImages();
        app.UseRouting();
        app.UseSlugRedirects();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseTwoFactorRequirement();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapAttachments();
        app.MapCatalogue();
        app.MapSearch();
        Programme.ProgrammeEndpoints.MapProgramme(app);
        Feeds.FeedEndpoints.MapFeeds(app);
        Media.MediaEndpoints.MapMedia(app);
        app.MapRazorPages();
        app.Services.GetRequiredService<ReservedSlugs>().UseEndpoints(((IEndpointRouteBuilder)app).DataSources);
        return app;
    }

    /// <summary>
    /// /media/… serves images from the data directory (covers). Only image types: attachments go through
    /// /van-ban/{slug}/tai-ve, which checks that their document is published.
    /// </summary>
    private static void UseMediaImages(this WebApplication app)
    {
        var media = app.Services.GetRequiredService<PortalPaths>().MediaDirectory;
        Directory.CreateDirectory(media);
        var images = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider();
        foreach (var extension in images.Mappings.Keys.ToList())
        {
            if (extension is not (".jpg" or ".jpeg" or ".png" or ".webp" or ".gif")) images.Mappings.Remove(extension);
        }
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(media),
            RequestPath = "/media",
            ContentTypeProvider = images,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
    }

    /// <summary>
    /// Outside Development, requests must name the public origin's host (or a loopback name, for health checks and the
    /// proxy in front) unless AllowedHosts is configured explicitly.
    /// </summary>
    private static void LimitHosts(WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment() || !string.IsNullOrEmpty(builder.Configuration["AllowedHosts"])) return;
        var origin = builder.Configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.PublicOrigin)}"] ?? new PortalOptions().PublicOrigin;
        var hosts = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        if (Uri.TryCreate(origin, UriKind.Absolute, out var uri)) hosts.Add(uri.IdnHost);
        builder.Services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o => o.AllowedHosts = hosts);
    }

    /// <summary>The web root is the repository's wwwroot-assets/ (a checkout) or wwwroot/ (a published app).</summary>
    private static void UseRepositoryWebRoot(WebApplicationBuilder builder)
    {
        var env = builder.Environment;
        var published = Path.Combine(env.ContentRootPath, "wwwroot");
        var root = Directory.Exists(published) ? published : PortalPaths.FindAbove(env.ContentRootPath, "wwwroot-assets");
        if (root is null) return;
        env.WebRootPath = root;
        env.WebRootFileProvider = new PhysicalFileProvider(root);
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}

/// <summary>Applies migrations, then imports content/ into an empty database, before the server takes requests.</summary>
internal sealed class DatabaseStartup(IServiceProvider services, PortalPaths paths, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await PortalDatabase.MigrateAsync(db, paths, cancellationToken);
        if (await db.ContentItems.AnyAsync(cancellationToken)) return;
        if (paths.ContentDirectory is null)
        {
            logger.LogWarning("The database is empty and no content folder was found; the site starts empty");
            return;
        }
        logger.LogInformation("Empty database: importing {Directory}", paths.ContentDirectory);
        await scope.ServiceProvider.GetRequiredService<ContentTransfer>().ImportAsync(paths.ContentDirectory, cancellationToken: cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>/healthz reports unhealthy when the database cannot be reached.</summary>
internal sealed class DatabaseHealthCheck(PortalDbContext db) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database unreachable");
}

public static class OutputCachePolicies
{
    public const string ItemPage = "item-page";
}
