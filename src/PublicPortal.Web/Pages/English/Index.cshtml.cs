using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.English;

/// <summary>The English home page: what the portal is, and each section of the English site with its items.</summary>
[PublicCache]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock, PublishedItems published) : PageModel
{
    public IReadOnlyList<(EnglishSite.Section Section, IReadOnlyList<EnglishListing> Items)> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Sections = await EnglishListing.LoadSectionsAsync(HttpContext, db, published, clock.GetUtcNow().UtcDateTime, cancellationToken);
        ViewData.Metadata().OtherLanguage = SiteLinks.Home;
    }
}
