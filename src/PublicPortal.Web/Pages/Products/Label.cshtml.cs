using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Products;

/// <summary>
/// /san-pham/{slug}/nhan-qr — an A4 sheet of labels for an OCOP product's packages: name, producer, stars, and a QR code
/// of its short, permanent address (/q/{code}) where a buyer sees whether the certificate is valid.
/// </summary>
[PublicCache]
public sealed class LabelModel(CatalogueService catalogue, SiteUrls urls) : PageModel
{
    /// <summary>Three across, seven down: 63.5 × 38.1 mm, the common A4 sticker sheet.</summary>
    public const int LabelsPerSheet = 21;

    public ContentItem Product { get; private set; } = null!;
    public string CheckUrl { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var snapshot = await catalogue.LoadAsync(cancellationToken);
        if (snapshot.Find(ContentKind.Product, slug) is not { Product.Code: { } code } product) return NotFound();
        Product = product;
        Features.Content.ServedItem.Set(HttpContext, product);
        CheckUrl = urls.Absolute(SiteLinks.ProductCheck(code));
        QrSvg = ProductLabels.QrSvg(CheckUrl);
        ViewData.Metadata().Title = $"Nhãn QR: {product.Title}";
        ViewData.Metadata().NoIndex = true;
        return Page();
    }
}
