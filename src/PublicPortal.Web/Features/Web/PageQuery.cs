using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Web;

/// <summary>
/// The query a page repeats in its own links (pager, facets, the printed address). On a cached page only the keys the
/// page reads, in their canonical order: the copy in the cache serves every reader, so it must not carry one reader's
/// <c>utm_*</c> or other stray parameters into everyone's links.
/// </summary>
public static class PageQuery
{
    public static List<KeyValuePair<string, string?>> Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (PublicCacheAttribute.Of(request.HttpContext) is { } cached) return [.. cached.KnownQuery(request)];
        return [.. request.Query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString()))];
    }

    /// <summary>The same as a query string ("" or "?a=1&amp;b=2").</summary>
    public static string StringOf(HttpRequest request) => QueryString.Create(Of(request)).ToString();
}
