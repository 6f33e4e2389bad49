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

namespace PublicPortal.Web.Pages.StaticPages;

/// <summary>Editor-written pages at the top level (/gioi-thieu, /lien-he); literal routes of other sections take precedence.</summary>
[PublicPortal.Web.Features.Hosting.PublicCache]
public sealed class ShowModel(PortalDbContext db, TimeProvider clock, MarkdownRenderer markdown, PublishedItems published) : PageModel
{
    public ContentItem Item { get; private set; } = null!;
    public HtmlString Body { get; private set; } = HtmlString.Empty;
    public bool IsContactPage => Item.Slug == "lien-he";

    /// <summary>When the page was last saved (or went live, if later): a statement's "last reviewed" date, kept by the data.</summary>
    public DateTime UpdatedAtUtc => Item.UpdatedAtUtc is { } updated && updated > Item.PublishedAtUtc ? updated : Item.PublishedAtUtc;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var item = await published.FindAsync(db, ContentKind.Page, slug, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (item is null) return NotFound();
        Item = item;
        ServedItem.Set(HttpContext, item);
        Body = published.BodyOf(item, markdown);
        ViewData.Metadata().DescribeItem(item);
        return Page();
    }
}
