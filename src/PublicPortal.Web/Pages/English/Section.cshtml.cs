using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.English;

/// <summary>A section of the English site: every published item of its kind, translated ones first.</summary>
[PublicCache]
public sealed class SectionModel(PortalDbContext db, TimeProvider clock, PublishedItems published) : PageModel
{
    public EnglishSite.Section Shown { get; private set; } = null!;
    public IReadOnlyList<EnglishListing> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string section, CancellationToken cancellationToken)
    {
        if (EnglishSite.SectionOf(section) is not { } shown) return NotFound();
        Shown = shown;
        Items = await EnglishListing.LoadAsync(db, published, shown, clock.GetUtcNow().UtcDateTime, cancellationToken);
        OutputCacheTags.Add(HttpContext, OutputCacheTags.Kind(shown.Kind));
        var meta = ViewData.Metadata();
        meta.Title = shown.Title;
        meta.OtherLanguage = SiteLinks.List(shown.Kind);
        return Page();
    }
}
