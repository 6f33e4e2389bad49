using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Villages;

[PublicPortal.Web.Features.Hosting.PublicCache(VillageFilter.QueryKeys, "page", ShowsCatalogue = true)]
public sealed class IndexModel(CatalogueService catalogue, IOptions<Features.Hosting.PortalOptions> options) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;
    public VillageFilter Filter { get; private set; } = VillageFilter.None;
    public IReadOnlyList<string> Ignored { get; private set; } = [];

    /// <summary>The matching villages and the counts beside each filter option, worked out together.</summary>
    public VillageFacets Facets { get; private set; } = null!;

    /// <summary>This page of the villages that match (all of them, on the map and in the count, would be thousands nationally).</summary>
    public Paged<ContentItem> Results { get; private set; } = null!;

    public IReadOnlyList<ContentItem> Villages => Results.Items;
    public PagerModel Pager => new(Results.Page, Results.TotalPages, n => Paging.HrefFor(Request, "page", n, "ket-qua"), "Phân trang làng nghề");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Paging.TryReadPage(Request.Query["page"], out var page)) return BadRequest();
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        (Filter, Ignored) = VillageFilter.Read(Request.Query, Catalogue);
        Facets = Catalogue.View(Filter, () => Filter.Facets(Catalogue));
        Results = Paging.Slice(Facets.Matching, page, options.Value.CataloguePageSize);
        if (page > Results.TotalPages) return NotFound();
        ViewData.Metadata().Title = Paging.Title("Làng nghề", page);
        ViewData.Metadata().Description = "Danh mục làng nghề và nghề truyền thống của tỉnh Bình Thuận: vị trí, tình trạng, sản phẩm OCOP, tuyến du lịch.";
        return Page();
    }

    public MapModel Map => new(
        Villages.Select(v => MapModel.PointOf(v, SiteLinks.Item(v), v.Village!.Location)).OfType<MapPoint>().ToList(),
        DrawPath: false, "Bản đồ làng nghề");
}
