using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Routes;

[PublicPortal.Web.Features.Hosting.PublicCache(ShowsCatalogue = true)]
public sealed class IndexModel(CatalogueService catalogue) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        ViewData.Metadata().Title = "Tuyến du lịch";
        ViewData.Metadata().Description = "Tuyến du lịch nối các làng nghề và điểm đến của Bình Thuận, có bản đồ và tệp GPX.";
    }
}
