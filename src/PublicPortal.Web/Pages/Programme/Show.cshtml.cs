using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Markdown;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Traffic;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Programme;

[PublicPortal.Web.Features.Hosting.PublicCache]
public sealed class ShowModel(PortalDbContext db, TimeProvider clock, MarkdownRenderer markdown, PublishedItems published) : PageModel
{
    public ContentItem Plan { get; private set; } = null!;
    public ContentItem? Document { get; private set; }
    public ContentItem? Parent { get; private set; }
    public HtmlString Body { get; private set; } = HtmlString.Empty;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var plan = await published.FindAsync(db, ContentKind.Plan, slug, now, cancellationToken);
        if (plan is null) return NotFound();
        Plan = plan;
        ServedItem.Set(HttpContext, plan, OutputCacheTags.Kind(ContentKind.Document));
        if (plan.HasEnglish) ViewData.Metadata().OtherLanguage = EnglishSite.Item(ContentKind.Plan, plan.Slug);
        var linked = new[] { plan.DocumentSlug, plan.ParentSlug }.OfType<string>().ToList();
        var documents = await db.ContentItems.AsNoTracking().Visible(ContentKind.Document, now)
            .Where(x => linked.Contains(x.Slug)).ToListAsync(cancellationToken);
        Document = documents.FirstOrDefault(d => d.Slug == plan.DocumentSlug);
        Parent = documents.FirstOrDefault(d => d.Slug == plan.ParentSlug);
        Body = published.BodyOf(plan, markdown);
        ViewData.Metadata().Title = plan.Title;
        ViewData.Metadata().Description = plan.Summary;
        return Page();
    }
}
