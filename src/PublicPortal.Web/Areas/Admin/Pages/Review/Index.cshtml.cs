using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Areas.Admin.Pages.Review;

/// <summary>
/// Editors' review queue: what authors submitted, published at once ("Duyệt và đăng") or sent back with a comment. Each
/// decision is a save through the write path, so it has its revision, audit entry and change record. Admins choose here
/// which kinds need review.
/// </summary>
public sealed class IndexModel(PortalDbContext db, ContentWriter editor, SiteSettings settings, TimeProvider clock) : PageModel
{
    public sealed record Waiting(int Id, ContentKind Kind, string Title, int Version, DateTime? SubmittedAtUtc, string? Author);

    public List<Waiting> Items { get; private set; } = [];
    public IReadOnlySet<ContentKind> ReviewKinds { get; private set; } = new HashSet<ContentKind>();
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Message = Request.Query["da"].ToString() switch
        {
            "dang" => "Đã duyệt và đăng.",
            "hen-gio" => "Đã duyệt; bài sẽ tự đăng vào thời điểm tác giả hẹn.",
            "tra-lai" => "Đã trả lại cho tác giả kèm góp ý.",
            "cai-dat" => "Đã lưu loại nội dung cần duyệt.",
            _ => null,
        };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, int version)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await DecideAsync(id, version, item =>
        {
            // Published when approved: a day-dated item is not backdated to when its author opened the form; an item the
            // author scheduled keeps its time, and one dated only by month or year (an event's) keeps its date.
            if (item.DatePrecision == DatePrecision.Day && item.PublishedAtUtc < now) item.PublishedAtUtc = now;
            if (item.UnpublishAtUtc is { } until && until <= now) return null;
            (item.Status, item.Review, item.ReviewNote) = (ContentStatus.Published, ReviewState.None, null);
            return AuditActions.Approve;
        }, "dang");
    }

    public Task<IActionResult> OnPostReturnAsync(int id, int version, string? note)
    {
        note = note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > ReviewLimits.Note)
            return FailAsync(string.IsNullOrEmpty(note) ? "Hãy viết góp ý cho tác giả: cần sửa gì trước khi đăng." : $"Góp ý dài quá {ReviewLimits.Note} ký tự.");
        return DecideAsync(id, version, item =>
        {
            (item.Status, item.Review, item.ReviewNote) = (ContentStatus.Draft, ReviewState.Returned, Features.Content.InputLimits.StripBidi(note));
            return AuditActions.Return;
        }, "tra-lai");
    }

    public async Task<IActionResult> OnPostSettingsAsync(List<string>? kinds)
    {
        if (!User.IsInRole(PortalRoles.Admin)) return Forbid();
        var chosen = (kinds ?? []).Select(k => ContentKinds.FromFolder(k)?.Kind).OfType<ContentKind>().ToHashSet();
        await settings.SetReviewKindsAsync(chosen, User.Identity?.Name ?? "?");
        return Redirect(SiteLinks.Admin.Review + "?da=cai-dat");
    }

    /// <param name="decide">Sets the decision on the item and names it; null when it cannot be taken (told to the editor).</param>
    private async Task<IActionResult> DecideAsync(int id, int version, Func<ContentItem, string?> decide, string done)
    {
        var item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id);
        if (item is null) return NotFound();
        if (item.Review != ReviewState.Submitted) return await FailAsync($"“{item.Title}” không còn chờ duyệt (có thể đã được người khác xử lý).");
        if (decide(item) is not { } action)
            return await FailAsync($"“{item.Title}” có thời điểm tự gỡ xuống đã qua: hãy sửa thời điểm đó (hoặc để trống) trước khi đăng.");
        var outcome = await editor.SaveAsync(item, id, version, User.Identity?.Name ?? "?", action);
        return outcome switch
        {
            SaveOutcome.Saved => Redirect(SiteLinks.Admin.Review + "?da=" + (item.PublishedAtUtc > clock.GetUtcNow().UtcDateTime && action == AuditActions.Approve ? "hen-gio" : done)),
            SaveOutcome.Conflict => await FailAsync($"“{item.Title}” vừa được sửa sau khi bạn mở trang này; hãy xem lại rồi quyết định."),
            SaveOutcome.Invalid invalid => await FailAsync($"Chưa đăng được “{item.Title}”: " + string.Join(" ", invalid.Errors.Values)),
            _ => NotFound(),
        };
    }

    private async Task<IActionResult> FailAsync(string error)
    {
        Error = error;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        ReviewKinds = await settings.ReviewKindsAsync();
        var waiting = await db.ContentItems.AsNoTracking().Where(x => x.Review == ReviewState.Submitted)
            .OrderBy(x => x.UpdatedAtUtc).Select(x => new { x.Id, x.Kind, x.Title, x.Version, x.UpdatedAtUtc }).Take(200).ToListAsync();
        var ids = waiting.Select(w => w.Id).ToList();
        // Who submitted: the actor of each item's latest revision (the submit).
        var authors = (await db.Revisions.AsNoTracking().Where(r => ids.Contains(r.ContentItemId))
            .Select(r => new { r.ContentItemId, r.Number, r.Actor }).ToListAsync())
            .GroupBy(r => r.ContentItemId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Number)!.Actor);
        Items = waiting.Select(w => new Waiting(w.Id, w.Kind, w.Title, w.Version, w.UpdatedAtUtc, authors.GetValueOrDefault(w.Id))).ToList();
    }
}
