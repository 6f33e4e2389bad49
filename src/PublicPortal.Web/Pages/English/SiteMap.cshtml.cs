using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.English;

/// <summary>/en/site-map: every section of the English site and its items, and the portal's own pages.</summary>
[PublicCache]
public sealed class SiteMapModel(PortalDbContext db, TimeProvider clock, PublishedItems published, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<(EnglishSite.Section Section, IReadOnlyList<EnglishListing> Items)> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Sections = await EnglishListing.LoadSectionsAsync(HttpContext, db, published, clock.GetUtcNow().UtcDateTime, cancellationToken);
        ViewData.Metadata().OtherLanguage = SiteLinks.SiteMapPage;
        ViewData.Metadata().Title = localizer["English.SiteMap"];
    }
}
