using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Markdown;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.English;

/// <summary>An item of a section of the English site (/en/villages/gom-binh-duc) or an English page (/en/about).</summary>
[Features.Hosting.PublicCache]
public sealed class ItemModel(PortalDbContext db, TimeProvider clock, MarkdownRenderer markdown, PublishedItems published) : PageModel
{
    public EnglishItem Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string section, string? slug, CancellationToken cancellationToken)
    {
        // /en/about: a page; /en/villages/gom-binh-duc: an item of a section.
        ContentKind kind;
        string itemSlug;
        EnglishSite.Section? listed = null;
        if (slug is null)
        {
            if (!EnglishSite.Pages.TryGetValue(section, out var page)) return NotFound();
            (kind, itemSlug) = (ContentKind.Page, page);
        }
        else
        {
            listed = EnglishSite.SectionOf(section);
            if (listed is null) return NotFound();
            (kind, itemSlug) = (listed.Kind, slug);
        }
        var item = await published.FindAsync(db, kind, itemSlug, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (item is null) return NotFound();
        ServedItem.Set(HttpContext, item);
        Shown = EnglishItem.Of(item, published.EnglishBodyOf(item, markdown), listed);
        Shown.Describe(ViewData.Metadata());
        return Page();
    }
}
