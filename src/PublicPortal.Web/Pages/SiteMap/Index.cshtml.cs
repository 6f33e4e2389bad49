using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.SiteMap;

/// <summary>
/// The HTML sitemap (/so-do-trang): every section and, under it, its items — the newest first for news and
/// documents, in Vietnamese alphabetical order for the catalogue. A national catalogue has thousands of items per
/// section: past <see cref="MaxPerSection"/> the section links to its list page, which pages through them all.
/// </summary>
[PublicCache(ShowsCatalogue = true, Shows = [ContentKind.News, ContentKind.Announcement, ContentKind.Plan, ContentKind.Document, ContentKind.Page])]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock, CatalogueService catalogue, PublishedItems published) : PageModel
{
    public const int MaxPerSection = 200;

    public IReadOnlyList<SiteMapSection> Sections { get; private set; } = [];

    private static readonly ContentKind[] Written = [ContentKind.News, ContentKind.Announcement, ContentKind.Plan, ContentKind.Document];
    private static readonly ContentKind[] Catalogue = [ContentKind.Village, ContentKind.Product, ContentKind.Sight, ContentKind.Route, ContentKind.Event];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData.Metadata().Title = "Sơ đồ trang";
        ViewData.Metadata().Description = "Mọi mục và mọi trang của cổng thông tin làng nghề Bình Thuận trên một trang.";
        var now = clock.GetUtcNow().UtcDateTime;
        var written = await published.MemoAsync(typeof(IndexModel), async () =>
        {
            var sections = new List<SiteMapSection>();
            var pages = await db.ContentItems.AsNoTracking().Visible(ContentKind.Page, now).ListFields().ToListAsync(cancellationToken);
            sections.Add(new SiteMapSection("Giới thiệu và thông tin chung", null,
                [.. pages.OrderBy(p => p.Title, VietnameseText.Collation).Select(p => new SiteMapLink(p.Title, SiteLinks.Item(p)))], pages.Count));
            foreach (var kind in Written)
            {
                var list = await db.ContentItems.AsNoTracking().Visible(kind, now).Newest().ListFields().ToPagedAsync(1, MaxPerSection, cancellationToken);
                sections.Add(new SiteMapSection(ContentKinds.Of(kind).Label, SiteLinks.List(kind), [.. list.Items.Select(i => new SiteMapLink(i.Title, SiteLinks.Item(i)))], list.TotalCount));
            }
            return sections;
        });
        var snapshot = await catalogue.LoadAsync(cancellationToken);
        var listed = snapshot.Memo(typeof(IndexModel), () => Catalogue.Select(kind =>
        {
            var items = kind switch
            {
                ContentKind.Village => snapshot.Villages,
                ContentKind.Product => snapshot.Products,
                ContentKind.Sight => snapshot.Sights,
                ContentKind.Event => snapshot.Events,
                _ => snapshot.Routes,
            };
            return new SiteMapSection(ContentKinds.Of(kind).Label, SiteLinks.List(kind),
                [.. items.OrderBy(i => i.Title, VietnameseText.Collation).Take(MaxPerSection).Select(i => new SiteMapLink(i.Title, SiteLinks.Item(i)))], items.Count);
        }).ToList());
        Sections = [.. written, .. listed];
    }
}

public sealed record SiteMapLink(string Title, string Href);

/// <summary>A section of the HTML sitemap: its list page (when it has one), the items shown and how many it has in all.</summary>
public sealed record SiteMapSection(string Title, string? Href, IReadOnlyList<SiteMapLink> Items, int Total)
{
    public string Id => "muc-" + VietnameseText.Slugify(Title);
}
