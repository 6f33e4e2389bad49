using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Web.Areas.Admin.Pages.Content;

public sealed class EditModel(PortalDbContext db, ContentEditor editor, MarkdownRenderer markdown, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "loai")] public string? KindFolder { get; set; }
    [BindProperty] public string Title { get; set; } = "";
    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public bool Published { get; set; }
    [BindProperty] public DateTime PublishedAt { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Extra { get; set; }
    [BindProperty] public int Version { get; set; }

    public ContentKind Kind { get; private set; } = ContentKind.News;
    public string? PreviewHtml { get; private set; }
    public SaveOutcome.Conflict? Conflict { get; private set; }
    public IReadOnlyList<DiffLine> ConflictDiff { get; private set; } = [];
    public string? Saved { get; private set; }
    public string? PublicUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var item = await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id);
            if (item is null) return NotFound();
            Fill(item);
            if (Request.Query.ContainsKey("da-luu")) Saved = "Đã lưu.";
            return Page();
        }
        if (ContentKinds.FromFolder(KindFolder ?? "") is not { } kind) return NotFound();
        Kind = kind.Kind;
        PublishedAt = VietnamTime.ToOffset(clock.GetUtcNow().UtcDateTime).DateTime;
        PublishedAt = PublishedAt.AddTicks(-(PublishedAt.Ticks % TimeSpan.TicksPerMinute));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? preview)
    {
        if (!await ResolveKindAsync()) return NotFound();
        var slug = string.IsNullOrWhiteSpace(Slug) ? VietnameseText.Slugify(Title ?? "") : Slug.Trim();
        if (string.IsNullOrWhiteSpace(Title)) ModelState.AddModelError(nameof(Title), "Hãy nhập tiêu đề.");
        else if (!VietnameseText.IsValidSlug(slug)) ModelState.AddModelError(nameof(Slug), $"Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ “{VietnameseText.Slugify(slug)}”).");
        ContentItem? item = null;
        if (ModelState.IsValid)
        {
            try
            {
                var publishedUtc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(PublishedAt, DateTimeKind.Unspecified), VietnamTime.Zone);
                item = EditorFields.Compose(Kind, Title!.Trim(), slug, Summary, Published, publishedUtc, Body, Extra);
            }
            catch (ContentFormatException ex)
            {
                ModelState.AddModelError(nameof(Extra), $"Thông tin chi tiết chưa hợp lệ: {ex.Message}");
            }
        }
        if (item is null) return Page();
        if (preview is not null)
        {
            // The public site's own pipeline: what the preview shows is what will be published.
            PreviewHtml = markdown.ToSafeHtml(item.Body);
            return Page();
        }

        var outcome = await editor.SaveAsync(item, Id, Version, User.Identity?.Name ?? "?");
        switch (outcome)
        {
            case SaveOutcome.Saved saved:
                return Redirect($"/quan-tri/noi-dung/sua/{saved.Id}?da-luu=1");
            case SaveOutcome.Conflict conflict:
                Conflict = conflict;
                ConflictDiff = RevisionDiff.Lines(conflict.TheirSnapshot, EditorFields.Snapshot(item));
                Version = conflict.TheirVersion; // a second save, after reading the differences, keeps this editor's text
                ModelState.Remove(nameof(Version));
                return Page();
            case SaveOutcome.Invalid invalid:
                foreach (var (field, message) in invalid.Errors) ModelState.AddModelError(field, message);
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>The editor's live preview: the Markdown through the public site's pipeline (sanitised HTML fragment).</summary>
    public IActionResult OnPostRender() => Content(markdown.ToSafeHtml(Body ?? ""), "text/html; charset=utf-8");

    private async Task<bool> ResolveKindAsync()
    {
        if (Id is { } id)
        {
            var current = await db.ContentItems.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Kind, x.Slug }).SingleOrDefaultAsync();
            if (current is null) return false;
            Kind = current.Kind;
            PublicUrl = UrlOf(current.Kind, current.Slug);
            return true;
        }
        if (ContentKinds.FromFolder(KindFolder ?? "") is not { } kind) return false;
        Kind = kind.Kind;
        return true;
    }

    private void Fill(ContentItem item)
    {
        Kind = item.Kind;
        Title = item.Title;
        Slug = item.Slug;
        Summary = item.Summary;
        Published = item.Status == ContentStatus.Published;
        PublishedAt = VietnamTime.ToOffset(item.PublishedAtUtc).DateTime;
        Body = item.Body;
        Extra = EditorFields.ExtraYaml(item);
        Version = item.Version;
        PublicUrl = UrlOf(item.Kind, item.Slug);
    }

    private static string UrlOf(ContentKind kind, string slug) => kind == ContentKind.Page ? "/" + slug : ContentKinds.UrlOf(kind, slug);
}
