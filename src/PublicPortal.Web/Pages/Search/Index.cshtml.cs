using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Search;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Search;

/// <summary>/tim-kiem?q=…&amp;loai=…&amp;huyen=…&amp;page=n[&amp;chinh-xac=1] — a GET page, so results can be linked and cached.</summary>
[PublicPortal.Web.Features.Hosting.PublicCache("q", "loai", "huyen", "page", AsTypedKey, Tags = [PublicPortal.Web.Features.Hosting.OutputCacheTags.Search])]
[EnableRateLimiting(SearchModule.PageRateLimit)]
public sealed class IndexModel(SearchIndex index, SearchTerms terms, TimeProvider clock, PublishedItems published) : PageModel
{
    public const int PageSize = 10;

    public string Query { get; private set; } = "";
    public ContentKind? Kind { get; private set; }
    public string? District { get; private set; }

    /// <summary>The reader asked for the words as typed, not the correction offered for them.</summary>
    public bool AsTyped { get; private set; }
    public SearchResults Results { get; private set; } = SearchResults.Empty;

    /// <summary>What the editors put first for these words ("Kết quả được đề xuất"), on the first page.</summary>
    public IReadOnlyList<SearchHit> Pinned { get; private set; } = [];

    /// <summary>The ranked results of this page, without those already suggested above them.</summary>
    public IReadOnlyList<SearchHit> Ranked => Pinned.Count == 0 ? Results.Hits : Results.Hits.Where(h => Pinned.All(p => p.Url != h.Url)).ToList();

    public string CountHeading
    {
        get
        {
            var words = Results.CorrectedFrom is null ? Query : Results.DidYouMean;
            if (Results.Total == 0) return Pinned.Count > 0 ? $"Kết quả cho “{words}”" : $"Không tìm thấy kết quả cho “{words}”";
            return $"{Count(Results.Total)} kết quả{(Results.Fuzzy ? " (gồm kết quả gần đúng)" : "")} cho “{words}”";
        }
    }
    public int CurrentPage { get; private set; } = 1;
    public int TotalPages => Math.Max(1, (Math.Min(Results.Total, 1000) + PageSize - 1) / PageSize);
    public PagerModel Pager => new(CurrentPage, TotalPages, n => Paging.HrefFor(Request, "page", n), "Phân trang kết quả tìm kiếm");

    public IActionResult OnGet()
    {
        if (!Paging.TryReadPage(Request.Query["page"], out var page) || page > 100) return BadRequest();
        CurrentPage = page;
        Query = SearchIndex.Normalize(Request.Query["q"]);
        Kind = ContentKinds.All.FirstOrDefault(k => k.RoutePrefix.Length > 1 && k.RoutePrefix[1..] == Request.Query["loai"].ToString())?.Kind;
        var district = Request.Query["huyen"].ToString();
        District = district.Length is > 0 and <= 80 ? district : null;
        AsTyped = Request.Query[AsTypedKey] == "1";
        ViewData.Metadata().Title = Query.Length == 0 ? "Tìm kiếm" : $"Tìm kiếm: {Query}";
        ViewData.Metadata().NoIndex = true;
        if (Query.Length == 0) return Page();
        // Results stand until the next change (a scheduled item going live is one), like the lists: a query asked
        // again, as popular words are, is answered from memory, not searched and its snippets cut again.
        var request = new SearchRequest(Query, Kind, District, CurrentPage, PageSize, AsTyped);
        Results = published.Memo(request, () => index.Search(request, clock.GetUtcNow().UtcDateTime));
        if (CurrentPage == 1 && District is null)
            Pinned = index.Find(terms.PinnedFor(Query), clock.GetUtcNow().UtcDateTime).Where(h => Kind is null || h.Kind == Kind).ToList();
        // For the search log (SearchLogMiddleware), which takes it off; kept with a cached copy, so a cached answer counts too.
        Response.Headers[SearchLogMiddleware.TotalHeader] = (Results.Total + Pinned.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return CurrentPage > TotalPages && Results.Total > 0 ? NotFound() : Page();
    }

    public static string KindKey(ContentKind kind) => ContentKinds.Of(kind).RoutePrefix.TrimStart('/');

    /// <summary>A count as readers write it ("1.234"); an estimate from a sample is rounded and says so ("khoảng 28.000").</summary>
    public string Count(int count)
    {
        var vi = PublicPortal.Web.Features.Content.VietnameseText.Culture;
        if (!Results.Approximate) return count.ToString("N0", vi);
        var magnitude = count < 100 ? 1 : (int)Math.Pow(10, Math.Floor(Math.Log10(count)) - 1);
        return "khoảng " + (Math.Round((double)count / magnitude) * magnitude).ToString("N0", vi);
    }

    public static string KindLabel(ContentKind kind) => kind == ContentKind.Page ? "Trang thông tin" : ContentKinds.Of(kind).Label;

    public const string AsTypedKey = "chinh-xac";

    /// <summary>The same search (and filters) for the words exactly as typed: the way back from a correction.</summary>
    public string AsTypedHref() => FacetHref(AsTypedKey, "1");

    /// <summary>The same filters for other words: a correction's words, searched like any others.</summary>
    public string QueryHref(string words)
    {
        var query = PageQuery.Of(Request).Where(q => q.Key is not ("q" or "page" or AsTypedKey)).ToList();
        query.Insert(0, KeyValuePair.Create("q", (string?)words));
        return SiteLinks.SearchWith(query);
    }

    public string FacetHref(string key, string? value)
    {
        var query = PageQuery.Of(Request).Where(q => q.Key != key && q.Key != "page").ToList();
        if (value is not null) query.Add(KeyValuePair.Create(key, (string?)value));
        return SiteLinks.SearchWith(query);
    }
}
