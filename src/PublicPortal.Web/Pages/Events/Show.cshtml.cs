using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Events;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Events;

[PublicPortal.Web.Features.Hosting.PublicCache]
public sealed class ShowModel(CatalogueService catalogue) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;
    public ContentItem Item { get; private set; } = null!;
    public EventDetails Details => Item.Event!;
    public HtmlString Body { get; private set; } = HtmlString.Empty;

    /// <summary>The village or sight it is held at, when published.</summary>
    public ContentItem? Place { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        if (Catalogue.Find(ContentKind.Event, slug) is not { } item) return NotFound();
        Item = item;
        Place = Catalogue.PlaceOfEvent(item);
        ServedItem.Set(HttpContext, item, OutputCacheTags.Catalogue); // its place's name and position come from the catalogue
        Body = Catalogue.BodyOf(item);
        ViewData.Metadata().DescribeItem(item);
        return Page();
    }

    /// <summary>schema.org Event: what search engines and calendar helpers read.</summary>
    public object JsonLd
    {
        get
        {
            var origin = SiteUrls.OriginOf(HttpContext);
            var point = Place is null ? null : Catalogue.LocationOf(Place);
            var location = new Dictionary<string, object?>
            {
                ["@type"] = "Place",
                ["name"] = Place?.Title ?? Details.Address ?? "Chưa rõ",
                ["url"] = Place is null ? null : origin + SiteLinks.Item(Place),
                ["address"] = new Dictionary<string, object?>
                {
                    ["@type"] = "PostalAddress",
                    ["streetAddress"] = Details.Address,
                    ["addressLocality"] = Place is null ? null : Catalogue.PlaceOf(Place.Village?.Locality ?? Place.Sight?.Locality) is var l && l != "Chưa rõ" ? l : null,
                    // The catalogue's villages and sights are in Vietnam; a free address may be anywhere (Rabat).
                    ["addressCountry"] = Place is null ? null : "VN",
                }.Where(kv => kv.Value is not null).ToDictionary(),
                ["geo"] = point is null ? null : new Dictionary<string, object?> { ["@type"] = "GeoCoordinates", ["latitude"] = point.Latitude, ["longitude"] = point.Longitude },
            }.Where(kv => kv.Value is not null).ToDictionary();
            return new Dictionary<string, object?>
            {
                ["@context"] = "https://schema.org",
                ["@type"] = "Event",
                ["name"] = Item.Title,
                ["description"] = Item.Summary,
                ["url"] = origin + SiteLinks.Item(Item),
                ["startDate"] = EventTimes.StartIso(Details),
                ["endDate"] = EventTimes.EndIso(Details),
                ["eventStatus"] = "https://schema.org/" + Details.State switch
                {
                    EventState.Cancelled => "EventCancelled",
                    EventState.Postponed => "EventPostponed",
                    _ => "EventScheduled",
                },
                ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
                ["location"] = location,
                ["organizer"] = Details.Organiser is null ? null : new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = Details.Organiser },
            }.Where(kv => kv.Value is not null).ToDictionary();
        }
    }
}
