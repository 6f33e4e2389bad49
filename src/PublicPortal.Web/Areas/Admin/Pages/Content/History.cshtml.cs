using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Areas.Admin.Pages.Content;

public sealed class HistoryModel(PortalDbContext db, ContentWriter editor) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "tu")] public int? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "den")] public int? To { get; set; }

    /// <summary>The revision the editor asked to restore: the page asks to confirm (a plain GET, no JavaScript needed).</summary>
    [BindProperty(SupportsGet = true, Name = "khoi-phuc")] public int? Restoring { get; set; }

    public ContentItem? Item { get; private set; }
    public List<Revision> Revisions { get; private set; } = [];
    public RevisionComparison? Diff { get; private set; }
    public Revision? ToRestore { get; private set; }
    public string? Restored { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "da-khoi-phuc")] int? restored)
    {
        if (!await LoadAsync()) return NotFound();
        if (Restoring is { } number)
        {
            ToRestore = Revisions.FirstOrDefault(r => r.Number == number);
            if (ToRestore is null || Item is null) return NotFound();
            // What restoring would change: the current version against the chosen one.
            (From, To) = (Revisions[0].Number, number);
        }
        if (restored is { } done && Revisions.FirstOrDefault(r => r.Number == done) is { } source)
            Restored = $"Đã khôi phục phiên bản {source.Number} (ngày {Stamp(source)}) thành phiên bản mới {Revisions[0].Number}.";
        // By default the latest change: the previous revision against the latest.
        From ??= Revisions.Count > 1 ? Revisions[1].Number : Revisions.FirstOrDefault()?.Number;
        To ??= Revisions.FirstOrDefault()?.Number;
        if (From is { } from && To is { } to)
        {
            var a = Revisions.FirstOrDefault(r => r.Number == from);
            var b = Revisions.FirstOrDefault(r => r.Number == to);
            if (a is null || b is null) return NotFound();
            Diff = RevisionDiff.Compare(a.Snapshot, b.Snapshot);
        }
        return Page();
    }

    /// <summary>Restoring saves the old revision's fields as a new revision; nothing in between is lost.</summary>
    public async Task<IActionResult> OnPostRestoreAsync(int number)
    {
        // A restore writes what was once published straight back: an editor's decision, not an author's.
        if (!User.IsInRole(PortalRoles.Admin) && !User.IsInRole(PortalRoles.Editor)) return Forbid();
        if (!await LoadAsync() || Item is null) return NotFound();
        var revision = Revisions.FirstOrDefault(r => r.Number == number);
        if (revision is null) return NotFound();
        var old = FrontMatter.Parse(revision.Snapshot, Item.Kind, Item.Slug);
        var outcome = await editor.SaveAsync(old, Item.Id, Item.Version, User.Identity?.Name ?? "?", AuditActions.Restore);
        if (outcome is SaveOutcome.Saved) return Redirect($"{SiteLinks.Admin.History(Item.Id)}?da-khoi-phuc={number}");
        Error = outcome is SaveOutcome.Invalid invalid ? string.Join(" ", invalid.Errors.Values) : "Mục vừa được người khác sửa; hãy tải lại trang rồi thử lại.";
        await LoadAsync();
        return Page();
    }

    public static string Stamp(Revision revision) =>
        VietnamTime.ToOffset(revision.CreatedAtUtc).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync()
    {
        Item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == Id);
        Revisions = await db.Revisions.AsNoTracking().Where(r => r.ContentItemId == Id).OrderByDescending(r => r.Number).ToListAsync();
        return Item is not null || Revisions.Count > 0;
    }
}
