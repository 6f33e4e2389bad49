using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Markdown;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Traffic;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Documents;

[PublicPortal.Web.Features.Hosting.PublicCache]
public sealed class ShowModel(PortalDbContext db, TimeProvider clock, MarkdownRenderer markdown, PortalPaths paths, PublishedItems published) : PageModel
{
    public ContentItem Document { get; private set; } = null!;
    public HtmlString Body { get; private set; } = HtmlString.Empty;
    public long? AttachmentBytes { get; private set; }
    public IReadOnlyList<ContentItem> Plans { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var document = await published.FindAsync(db, ContentKind.Document, slug, now, cancellationToken);
        if (document is null) return NotFound();
        Document = document;
        ServedItem.Set(HttpContext, document, OutputCacheTags.Kind(ContentKind.Plan)); // the plans it is the basis of
        Body = published.BodyOf(document, markdown);
        if (paths.ResolveMedia(document.Attachment) is { } file && System.IO.File.Exists(file)) AttachmentBytes = new FileInfo(file).Length;
        Plans = await db.ContentItems.AsNoTracking().Visible(ContentKind.Plan, now)
            .Where(x => x.DocumentSlug == slug || x.ParentSlug == slug).ToListAsync(cancellationToken);
        ViewData.Metadata().Title = $"{document.DocumentType} {document.DocumentNumber}";
        ViewData.Metadata().Description = document.Summary ?? document.Title;
        return Page();
    }
}
