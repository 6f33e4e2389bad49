using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Pages;

[PublicPortal.Web.Features.Hosting.PublicCache(Tags = [PublicPortal.Web.Features.Hosting.OutputCacheTags.Home])]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock, Features.Catalogue.CatalogueService catalogue, Features.Content.PublishedItems published) : PageModel
{
    public Features.Catalogue.CatalogueSnapshot Catalogue { get; private set; } = null!;
    public IReadOnlyList<ContentItem> News { get; private set; } = [];
    public IReadOnlyList<ContentItem> Announcements { get; private set; } = [];
    public IReadOnlyList<ContentItem> Documents { get; private set; } = [];
    public ContentItem? Plan { get; private set; }
    public Features.Programme.PlanProgress? Progress { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var items = db.ContentItems.AsNoTracking();
        (News, Announcements, Documents) = await published.MemoAsync(typeof(IndexModel), async () => new Latest(
            await items.Visible(ContentKind.News, now).Newest().Take(6).ListFields().ToListAsync(cancellationToken),
            await items.Visible(ContentKind.Announcement, now).Newest().Take(4).ListFields().ToListAsync(cancellationToken),
            await items.Visible(ContentKind.Document, now).OrderByDescending(x => x.IssuedOn).Take(4).ListFields().ToListAsync(cancellationToken)));
        Plan = await published.NewestAsync(db, ContentKind.Plan, now, cancellationToken);
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        if (Plan is not null) Progress = Features.Programme.ProgressTracker.MeasureShared(Plan, Catalogue);
    }

    private sealed record Latest(IReadOnlyList<ContentItem> News, IReadOnlyList<ContentItem> Announcements, IReadOnlyList<ContentItem> Documents);
}
