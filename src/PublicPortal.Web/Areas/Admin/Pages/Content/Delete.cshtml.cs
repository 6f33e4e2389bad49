using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Web.Areas.Admin.Pages.Content;

public sealed class DeleteModel(PortalDbContext db, ContentEditor editor) : PageModel
{
    public ContentItem? Item { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        Item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id);
        return Item is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(int id) =>
        await editor.DeleteAsync(id, User.Identity?.Name ?? "?") ? Redirect("/quan-tri/noi-dung") : NotFound();
}
