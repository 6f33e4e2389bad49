using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Web;

/// <summary>
/// The main sections of each language's site, as the header's menu and an error page's "way on" list them: each an
/// address and the resource key of its label (labels come from the resx files, in the page's language).
/// </summary>
public static class SiteNavigation
{
    public static readonly IReadOnlyList<(string Href, string Key)> Vietnamese =
    [
        (SiteLinks.Home, "Nav.Home"),
        (SiteLinks.List(ContentKind.News), "Nav.News"),
        (SiteLinks.List(ContentKind.Announcement), "Nav.Announcements"),
        (SiteLinks.List(ContentKind.Village), "Nav.Villages"),
        (SiteLinks.List(ContentKind.Product), "Nav.Products"),
        (SiteLinks.List(ContentKind.Sight), "Nav.Sights"),
        (SiteLinks.List(ContentKind.Route), "Nav.Routes"),
        (SiteLinks.List(ContentKind.Event), "Nav.Events"),
        (SiteLinks.List(ContentKind.Plan), "Nav.Programme"),
        (SiteLinks.List(ContentKind.Document), "Nav.Documents"),
        (SiteLinks.About, "Nav.About"),
        (SiteLinks.Contact, "Nav.Contact"),
    ];

    /// <summary>The English site's sections (announcements are reached from the home page, as they are few) and its pages.</summary>
    public static readonly IReadOnlyList<(string Href, string Key)> English =
    [
        (EnglishSite.Home, "Nav.Home"),
        .. EnglishSite.Sections.Where(s => s.Kind != ContentKind.Announcement).Select(s => (EnglishSite.List(s), s.TitleKey)),
        (EnglishSite.Item(ContentKind.Page, SiteLinks.AboutSlug)!, "Nav.About"),
        (EnglishSite.Item(ContentKind.Page, SiteLinks.ContactSlug)!, "Nav.Contact"),
    ];

    public static IReadOnlyList<(string Href, string Key)> Of(bool english) => english ? English : Vietnamese;
}
