using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Products;

[PublicPortal.Web.Features.Hosting.PublicCache(ProductFilter.QueryKeys, ShowsCatalogue = true)]
public sealed class IndexModel(CatalogueService catalogue) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;
    public ProductFilter Filter { get; private set; } = new(null, null, null, null, false);
    public IReadOnlyList<string> Ignored { get; private set; } = [];
    public IReadOnlyList<ContentItem> Products { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        (Filter, Ignored) = ProductFilter.Read(Request.Query, Catalogue);
        Products = Filter.Apply(Catalogue);
        ViewData.Metadata().Title = "Sản phẩm OCOP";
        ViewData.Metadata().Description = "Sản phẩm OCOP của tỉnh Bình Thuận: hạng sao, chủ thể, nơi mua và thời hạn chứng nhận.";
    }
}
