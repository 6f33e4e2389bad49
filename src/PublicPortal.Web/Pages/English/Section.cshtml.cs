using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.English;

/// <summary>A section of the English site: every published item of its kind, translated ones first.</summary>
[PublicCache("page")]
public sealed class SectionModel(PortalDbContext db, TimeProvider clock, PublishedItems published, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) : PageModel
{
    public EnglishSite.Section Shown { get; private set; } = null!;
    public const int PageSize = 50;

    public IReadOnlyList<EnglishListing> Items { get; private set; } = [];
    public int Total { get; private set; }
    public PagerModel Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string section, CancellationToken cancellationToken)
    {
        if (EnglishSite.SectionOf(section) is not { } shown) return NotFound();
        if (!Paging.TryReadPage(Request.Query["page"], out var page)) return BadRequest();
        Shown = shown;
        var all = await EnglishListing.LoadAsync(db, published, shown, clock.GetUtcNow().UtcDateTime, cancellationToken);
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        if (page > pages) return NotFound();
        Total = all.Count;
        Items = all.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        Pager = new PagerModel(page, pages, n => Paging.HrefFor(Request, "page", n), localizer["English.PagerLabel"]);
        OutputCacheTags.Add(HttpContext, OutputCacheTags.Kind(shown.Kind));
        var meta = ViewData.Metadata();
        meta.Title = localizer[shown.TitleKey];
        meta.OtherLanguage = SiteLinks.List(shown.Kind);
        return Page();
    }
}
