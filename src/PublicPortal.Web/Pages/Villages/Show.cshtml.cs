using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Traffic;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Villages;

[PublicPortal.Web.Features.Hosting.PublicCache]
public sealed class ShowModel(CatalogueService catalogue) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;
    public ContentItem Village { get; private set; } = null!;
    public HtmlString Body { get; private set; } = HtmlString.Empty;
    public IReadOnlyList<ContentItem> Products { get; private set; } = [];
    public IReadOnlyList<ContentItem> Routes { get; private set; } = [];
    public IReadOnlyList<(ContentItem Item, double Km)> NearbySights { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        if (Catalogue.Find(ContentKind.Village, slug) is not { } village) return NotFound();
        Village = village;
        ServedItem.Set(HttpContext, village, OutputCacheTags.Catalogue); // names, nearby places, stops and products of the catalogue
        Body = Catalogue.BodyOf(village); // rendered once per catalogue change, not per request
        Products = Catalogue.ProductsOf(village);
        Routes = Catalogue.RoutesThrough(village);
        NearbySights = Catalogue.Nearby(village, 5);
        ViewData.Metadata().DescribeItem(village);
        return Page();
    }

    public MapModel Map => new(
        new[] { MapModel.PointOf(Village, SiteLinks.Item(Village), Village.Village!.Location) }
            .Concat(NearbySights.Select(s => MapModel.PointOf(s.Item, SiteLinks.Item(s.Item), s.Item.Sight!.Location)))
            .OfType<MapPoint>().ToList(),
        DrawPath: false, "Bản đồ");

    public object JsonLd => new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "TouristAttraction",
        ["name"] = Village.Title,
        ["description"] = Village.Summary,
        ["url"] = $"{PublicPortal.Web.Features.Hosting.SiteUrls.OriginOf(HttpContext)}/lang-nghe/{Village.Slug}",
        ["address"] = new Dictionary<string, object?>
        {
            ["@type"] = "PostalAddress",
            ["addressLocality"] = Catalogue.Find(ContentKind.Locality, Village.Village!.Locality)?.Title,
            ["addressRegion"] = Catalogue.DistrictOf(Village.Village.Locality),
            ["addressCountry"] = "VN",
        },
        ["geo"] = Village.Village.Location is { } g
            ? new Dictionary<string, object?> { ["@type"] = "GeoCoordinates", ["latitude"] = g.Latitude, ["longitude"] = g.Longitude }
            : null,
    }.Where(kv => kv.Value is not null).ToDictionary();
}
