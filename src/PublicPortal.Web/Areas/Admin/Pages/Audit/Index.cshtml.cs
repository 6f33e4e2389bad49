using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Areas.Admin.Pages.Audit;

public sealed class IndexModel(PortalDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "nguoi")] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true, Name = "hanh-dong")] public string? Action { get; set; }

    public List<AuditEntry> Entries { get; private set; } = [];
    public List<string> Actions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Actor)) entries = entries.Where(e => e.Actor.Contains(Actor.Trim()));
        if (!string.IsNullOrWhiteSpace(Action)) entries = entries.Where(e => e.Action == Action);
        Entries = await entries.OrderByDescending(e => e.Id).Take(200).ToListAsync();
        Actions = await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync();
    }
}
