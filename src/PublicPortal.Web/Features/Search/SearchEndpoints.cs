using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Search;

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
