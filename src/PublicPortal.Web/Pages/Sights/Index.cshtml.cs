using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Sights;

[PublicPortal.Web.Features.Hosting.PublicCache("page", ShowsCatalogue = true)]
public sealed class IndexModel(CatalogueService catalogue, IOptions<Features.Hosting.PortalOptions> options) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;

    /// <summary>This page of the sights (a national catalogue has thousands); the map shows the same ones.</summary>
    public Paged<ContentItem> Results { get; private set; } = null!;

    public PagerModel Pager => new(Results.Page, Results.TotalPages, n => Paging.HrefFor(Request, "page", n, "ket-qua"), "Phân trang điểm đến");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Paging.TryReadPage(Request.Query["page"], out var page)) return BadRequest();
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        Results = Paging.Slice(Catalogue.Sights, page, options.Value.CataloguePageSize);
        if (page > Results.TotalPages) return NotFound();
        ViewData.Metadata().Title = Paging.Title("Điểm đến", page);
        return Page();
    }

    public MapModel Map => new(
        Results.Items.Select(s => MapModel.PointOf(s, SiteLinks.Item(s), s.Sight!.Location)).OfType<MapPoint>().ToList(),
        DrawPath: false, "Bản đồ điểm đến");
}
