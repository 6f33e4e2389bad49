using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

/// <summary>Content: the one writer, its change feed and the handlers that follow it, the scheduler, import and export.</summary>
public static class ContentModule
{
    public static WebApplicationBuilder AddContent(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ChangeFeedOptions>().BindConfiguration(ChangeFeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReservedSlugs>();
        builder.Services.AddSingleton<ContentRules>();
        builder.Services.AddScoped<ContentRelations>();
        builder.Services.AddScoped<ContentChecks>();
        builder.Services.AddScoped<TextChecks>();
        builder.Services.AddScoped<ContentWriter>();
        builder.Services.AddScoped<ContentTransfer>();
        builder.Services.AddSingleton<ChangeFeed>();
        builder.Services.AddSingleton<PublishedItems>();
        // Public page bodies are rendered once per change, with or without the output cache.
        builder.Services.AddSingleton<PageFragments>();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.AddService<PageFragments>());
        builder.Services.AddSingleton<IChangeHandler, CacheChangeHandler>();
        builder.Services.AddSingleton<IChangeHandler, Hosting.OutputCacheChangeHandler>();
        return builder;
    }

    /// <summary>
    /// After the database and search start-up (hosted services start in the order they are added): the feed catches up
    /// on what this process has not seen before the first request, then follows; the scheduler starts after it.
    /// </summary>
    public static WebApplicationBuilder AddChangeFeedProcessing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<ChangeFeedProcessor>();
        if (builder.Configuration.GetConnectionString(Hosting.HostingModule.RedisConnectionName) is { Length: > 0 })
        {
            var channel = Hosting.HostingModule.RedisPrefix(builder.Configuration) + "changes";
            builder.Services.AddHostedService(sp => new ClusterChangeSignal(sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(),
                sp.GetRequiredService<ChangeFeed>(), channel, sp.GetRequiredService<ILogger<ClusterChangeSignal>>()));
        }
        builder.Services.AddHostedService<ScheduledPublisher>();
        return builder;
    }

    /// <summary>
    /// An item's former address answers 301 with its current one — only where the matched endpoint is an item's page
    /// (its route has a slug): a literal endpoint such as /dang-nhap is never redirected, whatever an editor renamed.
    /// </summary>
    public static WebApplication UseContent(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint() as RouteEndpoint;
            var itemPage = endpoint is null || endpoint.RoutePattern.Parameters.Any(p => p.Name == "slug");
            if (itemPage && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                var item = ContentKinds.ItemOf(context.Request.Path.Value ?? "/");
                if (item is { } key)
                {
                    var cache = context.RequestServices.GetRequiredService<IMemoryCache>();
                    var redirects = await cache.GetOrCreateAsync(CacheChangeHandler.RedirectsCacheKey, async entry =>
                    {
                        entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
                        var db = context.RequestServices.GetRequiredService<PortalDbContext>();
                        return await (from r in db.SlugRedirects
                                      join i in db.ContentItems on r.ContentItemId equals i.Id
                                      select new { r.Kind, r.OldSlug, i.Slug }).AsNoTracking()
                            .ToDictionaryAsync(x => (x.Kind, x.OldSlug), x => x.Slug);
                    });
                    if (redirects!.TryGetValue(key, out var slug))
                    {
                        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                        context.Response.Headers.Location = ContentKinds.UrlOf(key.Item1, slug) + context.Request.QueryString;
                        return;
                    }
                }
            }
            await next(context);
        });
        return app;
    }

    /// <summary>Documents' attached files (/van-ban/{slug}/tai-ve).</summary>
    public static IEndpointRouteBuilder MapContent(this IEndpointRouteBuilder endpoints) => endpoints.MapAttachments();
}
