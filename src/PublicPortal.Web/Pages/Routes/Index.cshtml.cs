using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Features.Catalogue;

namespace PublicPortal.Web.Pages.Routes;

public sealed class IndexModel(CatalogueService catalogue) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        ViewData["Title"] = "Tuyến du lịch";
        ViewData["Description"] = "Tuyến du lịch nối các làng nghề và điểm đến của Bình Thuận, có bản đồ và tệp GPX.";
    }
}
