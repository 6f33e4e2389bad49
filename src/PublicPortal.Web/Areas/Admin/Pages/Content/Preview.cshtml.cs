using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Web.Areas.Admin.Pages.Content;

/// <summary>A draft or scheduled item as it will read, at an address only signed-in staff can open.</summary>
public sealed class PreviewModel(PortalDbContext db, MarkdownRenderer markdown, TimeProvider clock) : PageModel
{
    public ContentItem Item { get; private set; } = null!;
    public string BodyHtml { get; private set; } = "";
    public string State { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id);
        if (item is null) return NotFound();
        Item = item;
        BodyHtml = markdown.Render(item.Body).Value ?? "";
        State = item.Status == ContentStatus.Draft ? "bản nháp, chưa đăng"
            : item.PublishedAtUtc > clock.GetUtcNow().UtcDateTime ? "hẹn giờ đăng, chưa hiện trên cổng"
            : "đã đăng";
        return Page();
    }
}
