using System.ComponentModel.DataAnnotations;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Search;

/// <summary>Searches one client (an IPv4 address, an IPv6 /64) may make per window; beyond them, 429.</summary>
public sealed class SearchRateLimitOptions
{
    public const string Section = "Portal:Search";

    /// <summary>/tim-kiem pages per window: well above a reader paging through results, well below a scraper.</summary>
    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 120;

    /// <summary>/api/search/suggest calls per window (the search box asks as one types).</summary>
    [Range(1, 100_000)]
    public int SuggestPermitLimit { get; set; } = 300;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}

public static class SearchEndpoints
{
    public const string PageRateLimit = "search";
    public const string SuggestRateLimit = "search-suggest";

    public static WebApplicationBuilder AddSearchRateLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SearchRateLimitOptions>().BindConfiguration(SearchRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(SearchRateLimitOptions.Section).Get<SearchRateLimitOptions>() ?? new SearchRateLimitOptions();
        var window = TimeSpan.FromSeconds(options.WindowSeconds);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PageRateLimit, http => RateLimits.PerClient(http, options.PermitLimit, window));
            limiter.AddPolicy(SuggestRateLimit, http => RateLimits.PerClient(http, options.SuggestPermitLimit, window));
        });
        return builder;
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
