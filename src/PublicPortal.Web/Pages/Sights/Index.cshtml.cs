using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Sights;

[PublicPortal.Web.Features.Hosting.PublicCache(ShowsCatalogue = true)]
public sealed class IndexModel(CatalogueService catalogue) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        ViewData.Metadata().Title = "Điểm đến";
    }

    public MapModel Map => new(
        Catalogue.Sights.Select(s => MapModel.PointOf(s, SiteLinks.Item(s), s.Sight!.Location)).OfType<MapPoint>().ToList(),
        DrawPath: false, "Bản đồ điểm đến");
}
