using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Offline;

/// <summary>What a saved route's service worker shows for a page that was not saved, when there is no connection.</summary>
[PublicPortal.Web.Features.Hosting.PublicCache]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
        ViewData.Metadata().Title = "Không có mạng";
        ViewData.Metadata().NoIndex = true;
    }
}
