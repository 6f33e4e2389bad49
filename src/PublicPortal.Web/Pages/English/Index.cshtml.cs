using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.English;

/// <summary>
/// The English home page and the English site map (/en/site-map, its own view of the same model): each section of the
/// English site with its items.
/// </summary>
[PublicCache]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock, PublishedItems published) : PageModel
{
    public IReadOnlyList<(EnglishSite.Section Section, IReadOnlyList<EnglishListing> Items)> Sections { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Sections = await EnglishListing.LoadSectionsAsync(HttpContext, db, published, clock.GetUtcNow().UtcDateTime, cancellationToken);
        ViewData.Metadata().OtherLanguage = EnglishSite.Counterpart(Request.Path.Value ?? EnglishSite.Home);
    }
}
