using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Areas.Admin.Pages.Content;

public sealed class HistoryModel(PortalDbContext db, ContentEditor editor) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "tu")] public int? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "den")] public int? To { get; set; }

    public ContentItem? Item { get; private set; }
    public List<Revision> Revisions { get; private set; } = [];
    public IReadOnlyList<DiffLine>? Diff { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (From is { } from && To is { } to)
        {
            var a = Revisions.FirstOrDefault(r => r.Number == from);
            var b = Revisions.FirstOrDefault(r => r.Number == to);
            if (a is null || b is null) return NotFound();
            Diff = RevisionDiff.Lines(a.Snapshot, b.Snapshot);
        }
        return Page();
    }

    /// <summary>Restoring saves the old revision's fields as a new revision; nothing in between is lost.</summary>
    public async Task<IActionResult> OnPostRestoreAsync(int number)
    {
        if (!await LoadAsync() || Item is null) return NotFound();
        var revision = Revisions.FirstOrDefault(r => r.Number == number);
        if (revision is null) return NotFound();
        var old = FrontMatter.Parse(revision.Snapshot, Item.Kind, Item.Slug);
        var outcome = await editor.SaveAsync(old, Item.Id, Item.Version, User.Identity?.Name ?? "?", AuditActions.Restore);
        if (outcome is SaveOutcome.Saved) return Redirect($"/quan-tri/noi-dung/lich-su/{Item.Id}");
        Error = outcome is SaveOutcome.Invalid invalid ? string.Join(" ", invalid.Errors.Values) : "Mục vừa được người khác sửa; hãy tải lại trang rồi thử lại.";
        await LoadAsync();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == Id);
        Revisions = await db.Revisions.AsNoTracking().Where(r => r.ContentItemId == Id).OrderByDescending(r => r.Number).ToListAsync();
        return Item is not null || Revisions.Count > 0;
    }
}
