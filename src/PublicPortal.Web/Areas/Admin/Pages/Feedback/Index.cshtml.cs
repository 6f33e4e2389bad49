using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Areas.Admin.Pages.Feedback;

/// <summary>Readers' reports of problems on pages: read, mark handled, export every answer and report as CSV.</summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    private const int Shown = 200;

    [BindProperty(SupportsGet = true, Name = "tat-ca")] public bool All { get; set; }

    public List<PageFeedback> Reports { get; private set; } = [];
    public int Open { get; private set; }

    public async Task OnGetAsync()
    {
        var reports = db.PageFeedback.AsNoTracking().Where(f => f.Message != null);
        Open = await reports.CountAsync(f => !f.Handled);
        if (!All) reports = reports.Where(f => !f.Handled);
        Reports = await reports.OrderByDescending(f => f.CreatedAtUtc).Take(Shown).ToListAsync();
    }

    public async Task<IActionResult> OnPostHandledAsync(int id, bool handled)
    {
        var report = await db.PageFeedback.SingleOrDefaultAsync(f => f.Id == id && f.Message != null);
        if (report is null) return NotFound();
        report.Handled = handled;
        db.Audit(clock, User.Identity?.Name ?? "?", handled ? "feedback-handled" : "feedback-reopened",
            (handled ? "Đã xử lý báo lỗi trang " : "Mở lại báo lỗi trang ") + report.Path, $"feedback/{id}");
        await db.SaveChangesAsync();
        return Redirect(SiteLinks.Admin.Feedback + (All ? "?tat-ca=true" : ""));
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var rows = (await db.PageFeedback.AsNoTracking().OrderByDescending(f => f.CreatedAtUtc).ToListAsync()).Select(f => new OrderedDictionary<string, object?>
        {
            ["id"] = f.Id,
            ["created"] = VietnamTime.ToOffset(f.CreatedAtUtc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["page"] = f.Path,
            ["useful"] = f.Useful switch { true => "yes", false => "no", null => "" },
            ["message"] = f.Message,
            ["contact"] = f.Contact,
            ["handled"] = f.Handled,
        }).ToList();
        var csv = OpenData.Csv(rows, ["id", "created", "page", "useful", "message", "contact", "handled"]);
        return File(csv, "text/csv; charset=utf-8", $"gop-y-trang-{VietnamTime.ToOffset(clock.GetUtcNow().UtcDateTime):yyyy-MM-dd}.csv");
    }
}
