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
        (SiteLinks.List(ContentKind.Plan), "Nav.Programme"),
        (SiteLinks.List(ContentKind.Document), "Nav.Documents"),
        (SiteLinks.About, "Nav.About"),
        (SiteLinks.Contact, "Nav.Contact"),
    ];

    public static readonly IReadOnlyList<(string Href, string Key)> English =
    [
        (EnglishSite.Home, "Nav.Home"),
        (EnglishSite.List(EnglishSite.SectionOf(ContentKind.Village)!), "Nav.Villages"),
        (EnglishSite.List(EnglishSite.SectionOf(ContentKind.Sight)!), "Nav.Sights"),
        (EnglishSite.List(EnglishSite.SectionOf(ContentKind.Route)!), "Nav.Routes"),
        (EnglishSite.List(EnglishSite.SectionOf(ContentKind.Plan)!), "Nav.Programme"),
        (EnglishSite.Item(ContentKind.Page, SiteLinks.AboutSlug)!, "Nav.About"),
        (EnglishSite.Item(ContentKind.Page, SiteLinks.ContactSlug)!, "Nav.Contact"),
    ];

    public static IReadOnlyList<(string Href, string Key)> Of(bool english) => english ? English : Vietnamese;
}
