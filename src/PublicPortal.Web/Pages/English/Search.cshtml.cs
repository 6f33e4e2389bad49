using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Search;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.English;

/// <summary>/en/search?q=… — the English site's pages searched in English (a GET page, so results can be linked and cached).</summary>
[PublicCache("q", Tags = [OutputCacheTags.Search])]
[EnableRateLimiting(SearchModule.PageRateLimit)]
public sealed class SearchModel(EnglishSearch search) : PageModel
{
    public string Query { get; private set; } = "";
    public EnglishSearchResults Results { get; private set; } = EnglishSearchResults.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query = SearchIndex.Normalize(Request.Query["q"]);
        var meta = ViewData.Metadata();
        meta.Title = Query.Length == 0 ? "Search" : $"Search: {Query}";
        meta.NoIndex = true;
        if (Query.Length > 0) Results = await search.SearchAsync(Query, cancellationToken);
    }
}
