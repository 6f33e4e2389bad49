using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Products;

/// <summary>
/// /q/{code} — where a product's QR label leads: large and plain, whether its OCOP certificate is valid (until when),
/// expired (since when) or of unknown term, with the decision and the product's page. The code outlives any change of
/// the product's address; an expired product still answers. An unknown code gets a 404 that says what to do.
/// </summary>
// Not kept in the output cache: the answer turns at midnight (a certificate's last day), and it is one lookup in memory.
public sealed class CheckModel(CatalogueService catalogue) : PageModel
{
    public ContentItem? Product { get; private set; }
    public CatalogueSnapshot Catalogue { get; private set; } = null!;
    public string Code { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        // One address per code: a code typed by hand ("k7m-2qx", O for 0) is sent to its printed form.
        if (ProductCodes.Normalize(code) is { } canonical && canonical != code) return RedirectPermanent(SiteLinks.ProductCheck(canonical));
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        Code = code.Length > 20 ? code[..20] : code;
        ViewData.Metadata().NoIndex = true;
        if (Catalogue.ProductByCode(code) is not { } product)
        {
            ViewData.Metadata().Title = "Không có mã sản phẩm này";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Product = product;
        Features.Content.ServedItem.Set(HttpContext, product, OutputCacheTags.Catalogue);
        ViewData.Metadata().Title = $"Kiểm tra OCOP: {product.Title}";
        return Page();
    }
}
