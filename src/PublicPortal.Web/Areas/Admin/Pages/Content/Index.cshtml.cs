using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Areas.Admin.Pages.Content;

public sealed class IndexModel(PortalDbContext db, PublicPortal.Web.Features.Traffic.TrafficCounter counter) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "loai")]
    public string? KindFolder { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public List<ContentItem> Items { get; private set; } = [];
    public Dictionary<int, long> Views { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var items = db.ContentItems.AsNoTracking();
        if (ContentKinds.FromFolder(KindFolder ?? "") is { } kind) items = items.Where(x => x.Kind == kind.Kind);
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var folded = VietnameseText.Fold(Query.Trim());
            items = items.Where(x => x.SearchText.Contains(folded) || x.Slug.Contains(folded));
        }
        Items = await items.OrderByDescending(x => x.UpdatedAtUtc ?? x.PublishedAtUtc).Take(PageSize).ToListAsync();
        Views = await counter.ViewsAsync(Items.Select(i => i.Id).ToList());
    }
}
