using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Search;

public static class SearchEndpoints
{
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
        });
        return endpoints;
    }
}
