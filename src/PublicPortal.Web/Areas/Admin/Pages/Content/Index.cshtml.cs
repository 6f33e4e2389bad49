using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Areas.Admin.Pages.Content;

public sealed class IndexModel(PortalDbContext db, PublicPortal.Web.Features.Traffic.TrafficCounter counter, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "loai")]
    public string? KindFolder { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>"cho-duyet", "tra-lai", "nhap", "hen-gio", "het-han" (comes down within 30 days), "qua-han" (its review day has passed): what the dashboard's counts link to.</summary>
    [BindProperty(SupportsGet = true, Name = "trang-thai")]
    public string? State { get; set; }

    public static readonly IReadOnlyList<(string Key, string Label)> States =
        [("cho-duyet", "Chờ duyệt"), ("tra-lai", "Bị trả lại"), ("nhap", "Bản nháp"), ("hen-gio", "Hẹn giờ đăng"), ("het-han", "Sắp tự gỡ xuống"), ("qua-han", "Quá hạn rà soát")];

    public List<ContentItem> Items { get; private set; } = [];
    public Dictionary<int, long> Views { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var items = db.ContentItems.AsNoTracking();
        if (ContentKinds.FromFolder(KindFolder ?? "") is { } kind) items = items.Where(x => x.Kind == kind.Kind);
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now.AddDays(30);
        items = State switch
        {
            "cho-duyet" => items.Where(x => x.Review == ReviewState.Submitted),
            "tra-lai" => items.Where(x => x.Review == ReviewState.Returned),
            "nhap" => items.Where(x => x.Status == ContentStatus.Draft),
            "hen-gio" => items.Where(x => x.Status == ContentStatus.Published && x.PublishedAtUtc > now),
            "het-han" => items.Where(x => x.Status == ContentStatus.Published && x.UnpublishAtUtc != null && x.UnpublishAtUtc <= soon),
            _ => items,
        };
        if (State == "qua-han")
        {
            var today = VietnamTime.DayOf(now);
            var overdue = (await StaleContent.OverdueAsync(db, today)).Select(o => o.Item.Id).ToList();
            items = items.Where(x => overdue.Contains(x.Id));
        }
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var folded = VietnameseText.Fold(Query.Trim());
            items = items.Where(x => x.SearchText.Contains(folded) || x.Slug.Contains(folded));
        }
        Items = await items.OrderByDescending(x => x.UpdatedAtUtc ?? x.PublishedAtUtc).Take(PageSize).ToListAsync();
        Views = await counter.ViewsAsync(Items.Select(i => i.Id).ToList());
    }
}
