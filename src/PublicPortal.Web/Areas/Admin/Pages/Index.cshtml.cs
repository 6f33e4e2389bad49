using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Areas.Admin.Pages;

public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public Dictionary<ContentKind, int> Counts { get; private set; } = [];
    public List<Revision> Recent { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Counts = await db.ContentItems.GroupBy(x => x.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        Recent = await db.Revisions.AsNoTracking().Where(r => r.Actor != "import").OrderByDescending(r => r.Id).Take(15).ToListAsync();
    }
}
