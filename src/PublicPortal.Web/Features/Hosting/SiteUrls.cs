using Microsoft.Extensions.Options;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>
/// Absolute addresses (og:url, canonical, JSON-LD, RSS, sitemap, open data, GPX) come from one configured public origin,
/// never from the request's Host header, which any client can set: a shared link or a cached feed must not point elsewhere.
/// </summary>
public sealed class SiteUrls(IOptions<PortalOptions> options)
{
    public string Origin { get; } = options.Value.PublicOrigin.TrimEnd('/');

    public string Absolute(string path) => Origin + path;

    public static string OriginOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetRequiredService<SiteUrls>().Origin;
    }

    /// <summary>True when the value is an http(s) origin without path, query or fragment.</summary>
    public static bool IsOrigin(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
