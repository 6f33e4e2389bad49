using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Events;

/// <summary>The events' iCalendar feeds: all events, one event, and the events of one village or sight.</summary>
public static class EventsModule
{
    private const string CalendarType = "text/calendar; charset=utf-8";

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/su-kien.ics", async (HttpContext http, CatalogueService catalogue) =>
        {
            var c = await catalogue.LoadAsync(http.RequestAborted);
            var origin = SiteUrls.OriginOf(http);
            // Made once per catalogue change and origin, whoever asks: calendar apps poll it.
            var ics = c.Memo(("events.ics", origin), () => EventCalendar.Of(c.Events, "Sự kiện làng nghề Bình Thuận", c, origin));
            return Calendar(http, c, ics, "su-kien-lang-nghe-binh-thuan.ics");
        }).CacheOutput(new PublicCacheAttribute { ShowsCatalogue = true });
        endpoints.MapGet("/su-kien/{slug}.ics", async (string slug, HttpContext http, CatalogueService catalogue) =>
        {
            var c = await catalogue.LoadAsync(http.RequestAborted);
            if (c.Find(ContentKind.Event, slug) is not { } item || !EventCalendar.Fits(item)) return Results.NotFound();
            return Calendar(http, c, EventCalendar.Of([item], item.Title, c, SiteUrls.OriginOf(http)), $"{slug}.ics");
        }).CacheOutput(new PublicCacheAttribute { ShowsCatalogue = true });
        endpoints.MapGet("/lang-nghe/{slug}/su-kien.ics", (string slug, HttpContext http, CatalogueService catalogue) =>
            PlaceCalendarAsync(ContentKind.Village, slug, http, catalogue)).CacheOutput(new PublicCacheAttribute { ShowsCatalogue = true });
        endpoints.MapGet("/diem-den/{slug}/su-kien.ics", (string slug, HttpContext http, CatalogueService catalogue) =>
            PlaceCalendarAsync(ContentKind.Sight, slug, http, catalogue)).CacheOutput(new PublicCacheAttribute { ShowsCatalogue = true });
        return endpoints;
    }

    private static async Task<IResult> PlaceCalendarAsync(ContentKind kind, string slug, HttpContext http, CatalogueService catalogue)
    {
        var c = await catalogue.LoadAsync(http.RequestAborted);
        // A village without events still answers (an empty calendar): a subscription made today fills when one is announced.
        if (c.Find(kind, slug) is not { } place) return Results.NotFound();
        var ics = EventCalendar.Of(c.EventsAt(place), $"Sự kiện: {place.Title}", c, SiteUrls.OriginOf(http));
        return Calendar(http, c, ics, $"su-kien-{slug}.ics");
    }

    private static IResult Calendar(HttpContext http, CatalogueSnapshot c, string ics, string fileName)
    {
        http.Response.Headers.LastModified = OpenDataCatalog.Http(c.BuiltUtc);
        // Inline, not an attachment: a subscribing app reads it, and a browser hands it to the calendar app by its type.
        http.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
        return Results.Text(ics, CalendarType);
    }
}
