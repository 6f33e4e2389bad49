using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Products;

[PublicPortal.Web.Features.Hosting.PublicCache(ProductFilter.QueryKeys, "page", ShowsCatalogue = true)]
public sealed class IndexModel(CatalogueService catalogue, IOptions<Features.Hosting.PortalOptions> options) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;
    public ProductFilter Filter { get; private set; } = new(null, null, null, null, false);
    public IReadOnlyList<string> Ignored { get; private set; } = [];

    /// <summary>The matching products and the counts beside each filter option, worked out together.</summary>
    public ProductFacets Facets { get; private set; } = null!;

    /// <summary>This page of the products that match.</summary>
    public Paged<ContentItem> Results { get; private set; } = null!;

    public IReadOnlyList<ContentItem> Products => Results.Items;
    public PagerModel Pager => new(Results.Page, Results.TotalPages, n => Paging.HrefFor(Request, "page", n, "ket-qua"), "Phân trang sản phẩm");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Paging.TryReadPage(Request.Query["page"], out var page)) return BadRequest();
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        (Filter, Ignored) = ProductFilter.Read(Request.Query, Catalogue);
        Facets = Catalogue.View(Filter, () => Filter.Facets(Catalogue));
        Results = Paging.Slice(Facets.Matching, page, options.Value.CataloguePageSize);
        if (page > Results.TotalPages) return NotFound();
        ViewData.Metadata().Title = Paging.Title("Sản phẩm OCOP", page);
        ViewData.Metadata().Description = "Sản phẩm OCOP của tỉnh Bình Thuận: hạng sao, chủ thể, nơi mua và thời hạn chứng nhận.";
        return Page();
    }
}
