using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Traffic;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Sights;

[PublicPortal.Web.Features.Hosting.PublicCache]
public sealed class ShowModel(CatalogueService catalogue) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;
    public ContentItem Sight { get; private set; } = null!;
    public HtmlString Body { get; private set; } = HtmlString.Empty;
    public IReadOnlyList<ContentItem> Routes { get; private set; } = [];
    public IReadOnlyList<(ContentItem Item, double Km)> Nearby { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        if (Catalogue.Find(ContentKind.Sight, slug) is not { } sight) return NotFound();
        Sight = sight;
        ServedItem.Set(HttpContext, sight, OutputCacheTags.Catalogue); // names, nearby places, stops and products of the catalogue
        Body = Catalogue.BodyOf(sight); // rendered once per catalogue change, not per request
        Routes = Catalogue.RoutesThrough(sight);
        Nearby = Catalogue.Nearby(sight, 5, villagesToo: true);
        ViewData.Metadata().DescribeItem(sight);
        return Page();
    }

    public MapModel Map => new(
        new[] { MapModel.PointOf(Sight, SiteLinks.Item(Sight), Sight.Sight!.Location) }.OfType<MapPoint>().ToList(), DrawPath: false, "Bản đồ");

    public object JsonLd => new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "TouristAttraction",
        ["name"] = Sight.Title,
        ["description"] = Sight.Summary,
        ["url"] = $"{PublicPortal.Web.Features.Hosting.SiteUrls.OriginOf(HttpContext)}/diem-den/{Sight.Slug}",
        ["geo"] = Sight.Sight!.Location is { } g
            ? new Dictionary<string, object?> { ["@type"] = "GeoCoordinates", ["latitude"] = g.Latitude, ["longitude"] = g.Longitude }
            : null,
    }.Where(kv => kv.Value is not null).ToDictionary();
}
