namespace PublicPortal.Web.Features.Web;

/// <summary>
/// Public forms that carry no antiforgery token (so the pages holding them stay cacheable and set no cookie) refuse
/// posts from other sites by the browser's own headers instead.
/// </summary>
public static class CrossSitePosts
{
    public static bool IsCrossSite(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site") return true;
        // "Origin: null" comes from sandboxed frames, data: URLs and some redirects: never from this site's own form.
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return true;
        var site = new Uri(Hosting.SiteUrls.OriginOf(context));
        return !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
               && !string.Equals(uri.Authority, site.Authority, StringComparison.OrdinalIgnoreCase);
    }
}
