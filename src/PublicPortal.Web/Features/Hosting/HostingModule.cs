using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;
using PublicPortal.Web.Data;
using PublicPortal.Web.Data.PostgreSql;
using PublicPortal.Web.Data.Sqlite;
using PublicPortal.Web.Features.Traffic;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>
/// The host: options and paths, the database and its start-up, trusted proxies, Kestrel, HSTS, compression, static
/// files, Razor Pages, the output cache and health checks.
/// </summary>
public static class HostingModule
{
    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        UseRepositoryWebRoot(builder);
        builder.Services.AddOptions<PortalOptions>()
            .BindConfiguration(PortalOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Agency.Name.Length > 0, "Portal:Agency must be configured")
            .Validate(o => SiteUrls.IsOrigin(o.PublicOrigin), "Portal:PublicOrigin must be an http(s) origin such as https://langnghe.example.vn")
            .Validate(o => o.RelatedPortals.All(p => p.IsValid), "Portal:RelatedPortals: each needs a Name and an absolute http(s) Url")
            .ValidateOnStart();
        builder.Services.AddSingleton<PortalPaths>();
        builder.Services.AddSingleton<SiteUrls>();
        LimitHosts(builder);
        if (builder.Services.All(d => d.ServiceType != typeof(TimeProvider))) builder.Services.AddSingleton(TimeProvider.System);
        AddTrustedProxies(builder);

        // Pooled: a request's first query no longer builds the context's services anew (a tenth of a page's time).
        AddDatabase(builder);
        builder.Services.AddHostedService<DatabaseStartup>();
        // Registered before the work that takes leases, so it stops after it and hands them back last.
        builder.Services.AddSingleton<NodeLeases>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeLeases>());

        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        builder.Services.AddMemoryCache();
        // Razor would otherwise write every Vietnamese letter as &#x...; entities.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AddPageApplicationModelConvention("/Error", m => m.Filters.Add(new Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute()));
            Admin.AdminModule.ProtectAdminArea(o);
            // The one public page without a page model of its own: the notes on the figures.
            o.Conventions.AddPageApplicationModelConvention("/Traffic/Index", m => m.EndpointMetadata.Add(new PublicCacheAttribute()));
        })
        // Forms say in Vietnamese what is missing; the implicit [Required] of non-nullable strings would add English.
        .AddMvcOptions(o =>
        {
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            // A value the form cannot read (letters in a number box, a broken date) is told in Vietnamese, at its field.
            var messages = o.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => $"Hãy nhập một số (hoặc một ngày) đúng dạng, không phải “{value}”.");
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Hãy nhập một số (hoặc một ngày) đúng dạng, không phải “{value}”.");
            messages.SetValueIsInvalidAccessor(value => $"“{value}” không hợp lệ.");
            messages.SetValueMustBeANumberAccessor(_ => "Hãy nhập một số.");
            messages.SetNonPropertyValueMustBeANumberAccessor(() => "Hãy nhập một số.");
            messages.SetValueMustNotBeNullAccessor(_ => "Hãy nhập một giá trị.");
            messages.SetMissingBindRequiredValueAccessor(_ => "Thiếu một giá trị bắt buộc.");
            messages.SetMissingKeyOrValueAccessor(() => "Thiếu một giá trị bắt buộc.");
            messages.SetUnknownValueIsInvalidAccessor(_ => "Giá trị không hợp lệ.");
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
        })
        // A form used in both languages names its messages by resource key; every other message is its own text (no key found).
        .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.AddRouting(o => o.LowercaseUrls = true);
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<WholeBodyBrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            // The site's own text formats beside the framework's list: feeds, maps, routes and tables are text too.
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
                ["application/rss+xml", "application/geo+json", "application/gpx+xml", "text/csv", "text/calendar", "application/manifest+json"]);
        });
        builder.Services.AddOptions<OutputCacheSettings>().BindConfiguration(OutputCacheSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        // Every public page says how it is cached (PublicCacheAttribute): the query keys it reads, the tags the change
        // feed evicts it by. Counting happens before the cache, so cached pages still count; the live figures are
        // written into each response after it (LiveFigures). Bounded in bytes, so a flood of distinct queries
        // pushes out old entries instead of growing the process.
        builder.Services.AddOutputCache();
        // Several nodes: one store in Redis, so an edit's eviction on the node that applies it first is seen by all
        // (each node still evicts as it applies the feed, after its own caches, and refuses to store a page it read
        // before that: EpochCheckedOutputCacheStore). Redis bounds it in bytes itself (maxmemory with an LRU policy); SizeLimit is for the in-memory store.
        if (builder.Configuration.GetConnectionString(RedisConnectionName) is { Length: > 0 } redis)
        {
            AddRedisConnection(builder.Services, redis);
            builder.Services.AddStackExchangeRedisOutputCache(o => o.InstanceName = RedisPrefix(builder.Configuration) + "output:");
            builder.Services.AddOptions<Microsoft.AspNetCore.OutputCaching.StackExchangeRedis.RedisOutputCacheOptions>()
                .Configure<StackExchange.Redis.IConnectionMultiplexer>((o, connection) => o.ConnectionMultiplexerFactory = () => Task.FromResult(connection));
        }
        EpochCheckedOutputCacheStore.Decorate(builder.Services);
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<OutputCacheSettings>>((o, settings) =>
        {
            o.SizeLimit = settings.Value.SizeLimitMegabytes * 1024 * 1024;
            o.MaximumBodySize = settings.Value.MaximumBodyMegabytes * 1024 * 1024;
        });
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<SearchIndexHealthCheck>("search")
            .AddCheck<DiskSpaceHealthCheck>("disk");
        return builder;
    }

    /// <summary>
    /// First in the pipeline, so everything after it (HTTPS redirection, HSTS, rate limits, counting) sees the client's
    /// address and scheme — only when a proxy is configured as trusted, otherwise anyone could choose their own; then
    /// HTTPS, and the error pages.
    /// </summary>
    public static WebApplication UseHosting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var proxies = app.Services.GetRequiredService<IOptions<TrafficOptions>>().Value;
        if (proxies.TrustAllProxies || proxies.TrustedProxies.Count > 0) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseExceptionHandler("/loi/500");
        app.UseStatusCodePagesWithReExecute("/loi/{0}");
        return app;
    }

    /// <summary>Compression, then the site's own files (precompressed where the reader accepts it) and the media folder's images (after counting: files are not page views).</summary>
    public static WebApplication UseHostingFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseResponseCompression();
        app.UseMiddleware<PrecompressedAssetsMiddleware>((Action<HttpContext>)CacheAsset);
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx =>
            {
                CacheAsset(ctx.Context);
                // The plain file to a reader who accepts no compression; a shared cache must not give it to others.
                if (PrecompressedAssetsMiddleware.IsCompressible(ctx.File.Name)) ctx.Context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
            },
        });
        UseMediaImages(app);
        return app;
    }

    /// <summary>Versioned URLs (?v=hash from asp-append-version) may be kept for a year; the rest for an hour.</summary>
    private static void CacheAsset(HttpContext context) =>
        context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "public, max-age=3600";

    public static IEndpointRouteBuilder MapHosting(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        return endpoints;
    }

    /// <summary>ConnectionStrings:Redis: set for several nodes (shared output cache).</summary>
    public const string RedisConnectionName = "Redis";

    /// <summary>
    /// One connection to Redis for the node (the output cache, the counter's reconciliation, the sign-in limits), as
    /// StackExchange.Redis intends: it multiplexes. A node starts while Redis is away (no abort on connect), and while
    /// it is away every command fails at once instead of queueing for the timeout (FailFast), so pages are served
    /// uncached at full speed, counted per node, and limited per node, until it is back.
    /// </summary>
    private static void AddRedisConnection(IServiceCollection services, string configuration)
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
        services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(_ => StackExchange.Redis.ConnectionMultiplexer.Connect(options));
    }

    /// <summary>Portal:Redis:Prefix: what every key this site keeps in Redis starts with (default "portal:"), so sites can share a server.</summary>
    public const string RedisPrefixKey = "Portal:Redis:Prefix";

    public static string RedisPrefix(IConfiguration configuration) =>
        configuration?[RedisPrefixKey] is { Length: > 0 } configured ? configured : "portal:";

    /// <summary>
    /// The database engine from Portal:Database:Provider: SQLite (the file under the data directory) or PostgreSQL
    /// (ConnectionStrings:Portal). Pages and services ask for <see cref="PortalDbContext"/> either way.
    /// </summary>
    private static void AddDatabase(WebApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        builder.Services.Configure<DatabaseOptions>(o => o.Provider = provider);
        switch (provider)
        {
            case DatabaseProvider.PostgreSql:
                var connection = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException("Portal:Database:Provider is PostgreSQL but ConnectionStrings:Portal is not set");
                builder.Services.AddDbContextPool<PortalDbContext, PostgreSqlPortalDbContext>(o => PostgreSqlPortalDbContext.Configure(o, connection));
                break;
            default:
                builder.Services.AddDbContextPool<PortalDbContext, SqlitePortalDbContext>((sp, o) =>
                    SqlitePortalDbContext.Configure(o, sp.GetRequiredService<PortalPaths>().DatabaseFile));
                break;
        }
    }

    /// <summary>Which proxies' X-Forwarded-For and X-Forwarded-Proto are believed (Portal:Traffic:TrustedProxies), bound once from the options.</summary>
    private static void AddTrustedProxies(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrafficOptions>>((o, traffic) =>
        {
            // The scheme too: behind a TLS-terminating proxy, HTTPS redirection, HSTS and Secure cookies depend on it.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: not ASP.NET's default loopback (empty lists would mean any sender, as TrustAllProxies wants).
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in traffic.Value.TrustedProxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal)) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy.Trim()));
                else o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy.Trim()));
            }
        });
    }

    /// <summary>
    /// /media/… serves images from the data directory (covers). Only image types: attachments go through
    /// /van-ban/{slug}/tai-ve, which checks that their document is published.
    /// </summary>
    private static void UseMediaImages(WebApplication app)
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
}
