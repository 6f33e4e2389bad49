using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Areas.Admin.Pages;

/// <summary>The admin's first page: what needs doing, each a count with a link; then what can be created, and recent changes.</summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>One line of "Việc cần làm": how many, what, and where to act.</summary>
    public sealed record Task(int Count, string Label, string Url);

    public List<Task> ToDo { get; private set; } = [];
    public List<Features.Content.StaleContent.ExpiringCertificate> Certificates { get; private set; } = [];
    public Dictionary<ContentKind, int> Counts { get; private set; } = [];
    public List<Revision> Recent { get; private set; } = [];

    public async System.Threading.Tasks.Task OnGetAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now.AddDays(30);
        var publisher = User.IsInRole(PortalRoles.Admin) || User.IsInRole(PortalRoles.Editor);
        var content = SiteLinks.Admin.Content;
        var todo = new List<Task>();
        if (publisher)
        {
            todo.Add(new(await db.ContentItems.CountAsync(x => x.Review == ReviewState.Submitted), "bài chờ duyệt", SiteLinks.Admin.Review));
            todo.Add(new(await db.Enquiries.CountAsync(e => !e.Handled), "câu hỏi mua hàng chưa xử lý", SiteLinks.Admin.Enquiries));
            todo.Add(new(await db.PageFeedback.CountAsync(f => !f.Handled && f.Message != null), "góp ý về trang chưa xử lý", SiteLinks.Admin.Feedback));
            todo.Add(new(await Features.Search.SearchInsightReport.WithoutResultsCountAsync(db, Features.Search.SearchInsightReport.Since(clock, 7)),
                "từ khóa bạn đọc tìm không có kết quả trong 7 ngày qua", SiteLinks.Admin.SearchInsight + "?ngay=7#khong-ket-qua"));
        }
        todo.Add(new(await db.ContentItems.CountAsync(x => x.Review == ReviewState.Returned), "bài bị trả lại để sửa", content + "?trang-thai=tra-lai"));
        todo.Add(new(await db.ContentItems.CountAsync(x => x.Status == ContentStatus.Published && x.PublishedAtUtc > now), "mục hẹn giờ đăng", content + "?trang-thai=hen-gio"));
        todo.Add(new(await db.ContentItems.CountAsync(x => x.Status == ContentStatus.Published && x.UnpublishAtUtc != null && x.UnpublishAtUtc <= soon), "mục tự gỡ xuống trong 30 ngày", content + "?trang-thai=het-han"));
        todo.Add(new(await Features.Links.ExternalLinkReport.BrokenCountAsync(db), "liên kết ra ngoài bị hỏng", SiteLinks.Admin.Links));
        var today = Features.Content.VietnamTime.DayOf(now);
        todo.Add(new((await Features.Content.StaleContent.OverdueAsync(db, today)).Count, "mục quá hạn rà soát", content + "?trang-thai=qua-han"));
        if (User.IsInRole(PortalRoles.Admin))
            todo.Add(new(await db.SystemMessages.CountAsync(m => m.SentAtUtc == null && m.LastError != null), "thư chưa gửi được", SiteLinks.Admin.Messages));
        ToDo = todo;

        Certificates = await Features.Content.StaleContent.ExpiringCertificatesAsync(db, today);

        Counts = await db.ContentItems.GroupBy(x => x.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Recent = await db.Revisions.AsNoTracking().Where(r => r.Actor != "import").OrderByDescending(r => r.Id).Take(15).ToListAsync();
    }
}
