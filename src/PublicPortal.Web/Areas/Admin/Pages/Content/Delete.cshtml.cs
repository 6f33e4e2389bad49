using PublicPortal.Web.Features.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Areas.Admin.Pages.Content;

public sealed class DeleteModel(PortalDbContext db, ContentWriter editor) : PageModel
{
    public ContentItem? Item { get; private set; }
    public IReadOnlyList<ContentItem> UsedBy { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id);
        if (Item is null) return NotFound();
        UsedBy = await editor.UsedByAsync(Item);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await editor.DeleteAsync(id, User.Identity?.Name ?? "?")) return Redirect(SiteLinks.Admin.Content);
        return await OnGetAsync(id); // gone already (404), or still used: the page lists by what
    }
}
