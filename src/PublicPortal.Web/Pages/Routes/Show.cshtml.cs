using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Traffic;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Routes;

[PublicPortal.Web.Features.Hosting.PublicCache]
public sealed class ShowModel(CatalogueService catalogue) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;
    public ContentItem Route { get; private set; } = null!;
    public RoutePlan Plan { get; private set; } = null!;
    public HtmlString Body { get; private set; } = HtmlString.Empty;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        if (Catalogue.Find(ContentKind.Route, slug) is not { } route) return NotFound();
        Route = route;
        ServedItem.Set(HttpContext, route, OutputCacheTags.Catalogue); // names, nearby places, stops and products of the catalogue
        Plan = RoutePlan.Of(route, Catalogue);
        Body = Catalogue.BodyOf(route); // rendered once per catalogue change, not per request
        ViewData.Metadata().DescribeItem(route);
        return Page();
    }

    public MapModel Map => new(
        Plan.Located.Select(s => new MapPoint(s.Number, s.Target.Title, SiteLinks.Item(s.Target), s.Location!.Latitude, s.Location.Longitude, s.Location.Approximate)).ToList(),
        DrawPath: true, "Bản đồ tuyến");

    public object JsonLd => new Dictionary<string, object?>
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "TouristTrip",
        ["name"] = Route.Title,
        ["description"] = Route.Summary,
        ["url"] = $"{PublicPortal.Web.Features.Hosting.SiteUrls.OriginOf(HttpContext)}/tuyen-du-lich/{Route.Slug}",
        ["itinerary"] = new Dictionary<string, object?>
        {
            ["@type"] = "ItemList",
            ["numberOfItems"] = Plan.Stops.Count,
            ["itemListElement"] = Plan.Stops.Select(s => new Dictionary<string, object?>
            {
                ["@type"] = "ListItem",
                ["position"] = s.Number,
                ["item"] = new Dictionary<string, object?>
                {
                    ["@type"] = s.Target.Kind == ContentKind.Village ? "TouristAttraction" : "TouristAttraction",
                    ["name"] = s.Target.Title,
                    ["url"] = $"{PublicPortal.Web.Features.Hosting.SiteUrls.OriginOf(HttpContext)}{SiteLinks.Item(s.Target)}",
                },
            }).ToList(),
        },
    };
}
