using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Search;

public static class SearchModule
{
    public const string PageRateLimit = "search";
    public const string SuggestRateLimit = "search-suggest";

    /// <summary>The index (one per process, it holds the writer's lock), its indexer, its start-up check, its change handler and its rate limits.</summary>
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp => new SearchIndex(
            Path.Combine(sp.GetRequiredService<Hosting.PortalPaths>().DataDirectory, "search-index"),
            sp.GetRequiredService<ILogger<SearchIndex>>()));
        builder.Services.AddScoped<SearchIndexer>();
        builder.Services.AddHostedService<SearchStartup>();
        builder.Services.AddSingleton<IChangeHandler, SearchChangeHandler>();
        builder.Services.AddSingleton<EnglishSearch>();
        builder.Services.AddSingleton<SearchTerms>();
        builder.Services.AddSingleton<IChangeHandler, SearchTermsChangeHandler>();
        builder.Services.AddSingleton<SearchLog>();
        builder.Services.AddHostedService<SearchLogFlusher>();
        builder.Services.AddOptions<SearchRateLimitOptions>().BindConfiguration(SearchRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<Microsoft.Extensions.Options.IOptions<SearchRateLimitOptions>>((limiter, settings) =>
        {
            var options = settings.Value;
            var window = TimeSpan.FromSeconds(options.WindowSeconds);
            limiter.AddPolicy(PageRateLimit, http => RateLimits.PerClient(http, options.PermitLimit, window));
            limiter.AddPolicy(SuggestRateLimit, http => RateLimits.PerClient(http, options.SuggestPermitLimit, window));
        });
        return builder;
    }

    /// <summary>Counts readers' searches; before the output cache, so cached answers count.</summary>
    public static WebApplication UseSearchLog(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SearchLogMiddleware>();
        return app;
    }

    /// <summary>/api/search/suggest?q=… — up to 8 titles by prefix, for the search box's autocomplete.</summary>
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/search/suggest", (HttpContext http, SearchIndex index, TimeProvider clock) =>
        {
            var suggestions = index.Suggest(http.Request.Query["q"].ToString(), clock.GetUtcNow().UtcDateTime);
            return Results.Json(suggestions.Select(s => new
            {
                title = s.Title,
                url = s.Url,
                kind = s.Kind == Data.ContentKind.Page ? "Trang thông tin" : ContentKinds.Of(s.Kind).Label,
            }));
        }).RequireRateLimiting(SuggestRateLimit);
        return endpoints;
    }
}
