using System.Globalization;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Web;

/// <summary>
/// The English mirror under /en/: which sections and pages it has, and each page's counterpart in the other language.
/// Items keep their Vietnamese slugs (/lang-nghe/gom-binh-duc ↔ /en/villages/gom-binh-duc), so the language switch
/// always lands on the same item.
/// </summary>
public static class EnglishSite
{
    public const string Home = "/en";
    public const string Rss = "/en/rss.xml";
    public const string Search = "/en/search";
    public const string OpenData = "/en/open-data";
    public const string Feedback = "/en/feedback";
    public const string SiteMap = "/en/site-map";

    /// <summary>The report form for an English page.</summary>
    public static string PageFeedback(string pagePath) => Feedback + QueryString.Create("trang", pagePath);

    /// <summary>Fixed pages with an address in each language: English address → Vietnamese address.</summary>
    public static readonly IReadOnlyDictionary<string, string> FixedPages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Search] = SiteLinks.Search,
        [OpenData] = SiteLinks.OpenData,
        [SiteMap] = SiteLinks.SiteMapPage,
    };

    /// <summary>Razor pages whose one view serves both languages: page → its English address.</summary>
    public static readonly IReadOnlyList<(string Page, string English)> SharedPages = [("/OpenData/Index", OpenData), ("/Feedback/Index", Feedback)];

    /// <summary>English dates and numbers: "1 December 2026", "1,234.5".</summary>
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// A section of the English site: its address, the kind it lists and the resource key of its heading; a dated
    /// section (news, documents) lists the newest first with their dates, the catalogue in alphabetical order.
    /// </summary>
    public sealed record Section(string Slug, ContentKind Kind, string TitleKey, bool Dated = false);

    /// <summary>The whole public site, section by section: what has no English version yet is listed by its Vietnamese title and says so.</summary>
    public static readonly IReadOnlyList<Section> Sections =
    [
        new("villages", ContentKind.Village, "Nav.Villages"),
        new("products", ContentKind.Product, "Nav.Products"),
        new("sights", ContentKind.Sight, "Nav.Sights"),
        new("routes", ContentKind.Route, "Nav.Routes"),
        new("programme", ContentKind.Plan, "Nav.Programme"),
        new("news", ContentKind.News, "Nav.News", Dated: true),
        new("announcements", ContentKind.Announcement, "Nav.Announcements", Dated: true),
        new("documents", ContentKind.Document, "Nav.Documents", Dated: true),
    ];

    /// <summary>Editor-written pages with an English address: English slug → Vietnamese slug.</summary>
    public static readonly IReadOnlyDictionary<string, string> Pages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["about"] = SiteLinks.AboutSlug,
        ["contact"] = SiteLinks.ContactSlug,
        ["compliance"] = SiteLinks.ComplianceSlug,
        ["accessibility"] = SiteLinks.AccessibilitySlug,
    };

    /// <summary>Whether a request is for the English site; an error page re-executed for an English address is English.</summary>
    public static bool IsEnglish(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsEnglish(context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path
            ?? context.Request.Path.Value);
    }

    public static bool IsEnglish(string? path) =>
        path is not null && (path == Home || path.StartsWith(Home + "/", StringComparison.Ordinal));

    public static Section? SectionOf(string slug) => Sections.FirstOrDefault(s => s.Slug == slug);

    public static Section? SectionOf(ContentKind kind) => Sections.FirstOrDefault(s => s.Kind == kind);

    public static string List(Section section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return $"{Home}/{section.Slug}";
    }

    /// <summary>Whether an item of this kind (a page: at this address) is shown on the English site.</summary>
    public static bool HasEnglishPage(ContentKind kind, string? slug) =>
        kind == ContentKind.Page ? slug is not null && Pages.Values.Contains(slug) : SectionOf(kind) is not null;

    /// <summary>The English address of an item, or null when its kind has no English page.</summary>
    public static string? Item(ContentKind kind, string slug)
    {
        if (kind == ContentKind.Page)
            return Pages.FirstOrDefault(p => p.Value == slug) is { Key: { } english } ? $"{Home}/{english}" : null;
        return SectionOf(kind) is { } section ? $"{Home}/{section.Slug}/{slug}" : null;
    }

    /// <summary>
    /// The same page in the other language, or null when it has none (the switch then offers the other home page).
    /// Only the address is read: whether an item has an English version is the page's to say.
    /// </summary>
    public static string? Counterpart(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsEnglish(path))
        {
            var rest = path.Length > Home.Length ? path[(Home.Length + 1)..].TrimEnd('/') : "";
            if (rest.Length == 0) return SiteLinks.Home;
            var parts = rest.Split('/');
            if (FixedPages.TryGetValue(path, out var fixedPage)) return fixedPage;
            if (parts.Length == 1)
                return Pages.TryGetValue(parts[0], out var page) ? SiteLinks.Item(ContentKind.Page, page)
                    : SectionOf(parts[0]) is { } listed ? SiteLinks.List(listed.Kind) : null;
            return parts.Length == 2 && SectionOf(parts[0]) is { } section ? SiteLinks.Item(section.Kind, parts[1]) : null;
        }
        if (path == SiteLinks.Home) return Home;
        if (FixedPages.FirstOrDefault(p => p.Value == path) is { Key: { } english }) return english;
        if (Sections.FirstOrDefault(s => SiteLinks.List(s.Kind) == path) is { } list) return List(list);
        return ContentKinds.ItemOf(path) is var (kind, slug) ? Item(kind, slug) : null;
    }
}
