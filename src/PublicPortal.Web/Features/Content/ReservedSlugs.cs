using Microsoft.AspNetCore.Routing.Patterns;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// Addresses an item may not take because the site itself answers there: the first literal segment of every endpoint
/// (/dang-nhap, /quan-tri, /healthz…), every top-level entry of the web root and the media paths, and under a section
/// (/tin-tuc/…) the literal segments of that section's own endpoints. Read from the endpoints, so a new page is
/// reserved the day it is added; a page with slug "dang-nhap" would otherwise redirect the sign-in page to itself.
/// </summary>
public sealed class ReservedSlugs(IHostEnvironment environment)
{
    private static readonly string[] Always = ["media", "anh", "api", "en", "loi", "quan-tri", "dang-nhap", "dang-xuat", "healthz"];

    private IReadOnlyList<EndpointDataSource> _sources = [];
    private IReadOnlyDictionary<string, HashSet<string>>? _byPrefix;

    /// <summary>
    /// The application's own endpoint sources, given once they are mapped. (The EndpointDataSource service only learns
    /// of them when the server builds its pipeline, after start-up work such as the first import has run.)
    /// </summary>
    public void UseEndpoints(IEnumerable<EndpointDataSource> sources)
    {
        _sources = sources.ToList();
        _byPrefix = null;
    }

    private IReadOnlyDictionary<string, HashSet<string>> ByPrefix => _byPrefix ??= Build(_sources, environment);

    public bool IsReserved(ContentKind kind, string slug)
    {
        ArgumentNullException.ThrowIfNull(slug);
        var prefix = ContentKinds.Of(kind).RoutePrefix;
        return ByPrefix.TryGetValue(prefix, out var reserved) && reserved.Contains(slug);
    }

    public IReadOnlySet<string> Under(string prefix) => ByPrefix.TryGetValue(prefix, out var set) ? set : new HashSet<string>();

    private static Dictionary<string, HashSet<string>> Build(IEnumerable<EndpointDataSource> sources, IHostEnvironment environment)
    {
        var result = ContentKinds.All.Select(k => k.RoutePrefix).Distinct()
            .ToDictionary(p => p, _ => new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        var top = result[""];
        top.UnionWith(Always);
        foreach (var prefix in result.Keys.Where(p => p.Length > 0)) top.Add(prefix.TrimStart('/'));

        var patterns = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().Select(e => e.RoutePattern);
        foreach (var pattern in patterns)
        {
            var segments = pattern.PathSegments;
            if (segments.Count == 0 || Literal(segments[0]) is not { } first) continue;
            top.Add(first);
            if (segments.Count > 1 && Literal(segments[1]) is { } second && result.TryGetValue("/" + first, out var section))
                section.Add(second);
        }
        // The web root as the site serves it: a published wwwroot/, or the checkout's wwwroot-assets/.
        var webRoot = (environment as IWebHostEnvironment)?.WebRootPath is { } configured && Directory.Exists(configured) && Directory.EnumerateFileSystemEntries(configured).Any()
            ? configured
            : Hosting.PortalPaths.FindAbove(environment.ContentRootPath, "wwwroot-assets");
        if (webRoot is not null)
            top.UnionWith(Directory.EnumerateFileSystemEntries(webRoot).Select(Path.GetFileName).OfType<string>());
        return result;
    }

    /// <summary>The text of a segment made of one literal ("dang-nhap"), or null ("{slug}", "{slug}.gpx").</summary>
    private static string? Literal(RoutePatternPathSegment segment) =>
        segment.Parts is [RoutePatternLiteralPart literal] ? literal.Content : null;
}
