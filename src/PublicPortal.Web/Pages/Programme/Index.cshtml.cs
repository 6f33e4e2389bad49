using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Programme;

[PublicPortal.Web.Features.Hosting.PublicCache(Shows = [ContentKind.Plan])]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ContentItem> Plans { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ViewData.Metadata().Title = "Chương trình, kế hoạch";
        Plans = await db.ContentItems.AsNoTracking().Visible(ContentKind.Plan, clock.GetUtcNow().UtcDateTime).Newest().ToListAsync(cancellationToken);
    }
}
