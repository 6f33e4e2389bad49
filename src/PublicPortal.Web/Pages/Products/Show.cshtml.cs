using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Traffic;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Products;

[PublicPortal.Web.Features.Hosting.PublicCache]
public sealed class ShowModel(CatalogueService catalogue) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;
    public ContentItem Product { get; private set; } = null!;
    public ContentItem? Village { get; private set; }
    public HtmlString Body { get; private set; } = HtmlString.Empty;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        if (Catalogue.Find(ContentKind.Product, slug) is not { } product) return NotFound();
        Product = product;
        ServedItem.Set(HttpContext, product, OutputCacheTags.Catalogue); // names, nearby places, stops and products of the catalogue
        Village = Catalogue.Find(ContentKind.Village, product.Product!.Village);
        Body = Catalogue.BodyOf(product); // rendered once per catalogue change, not per request
        ViewData.Metadata().DescribeItem(product);
        return Page();
    }

    public object JsonLd => new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "Product",
        ["name"] = Product.Title,
        ["description"] = Product.Summary,
        ["category"] = CatalogueLabels.Group(Product.Product!.Group),
        ["url"] = $"{PublicPortal.Web.Features.Hosting.SiteUrls.OriginOf(HttpContext)}/san-pham/{Product.Slug}",
        ["manufacturer"] = new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = Product.Product.Producer },
        ["award"] = $"OCOP {Product.Product.Stars} sao",
    };
}
