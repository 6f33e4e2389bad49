using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Events;

/// <summary>
/// Events as iCalendar (RFC 5545), for calendar apps to subscribe to or import. Only events whose day is known are in it:
/// a calendar has no way to say "some day in March", and a month-long block would say something the source does not.
/// Timed events are written in UTC, which every calendar converts to its reader's zone, so no VTIMEZONE is needed.
/// </summary>
public static class EventCalendar
{
    /// <summary>How often a subscribed calendar should fetch the feed again.</summary>
    private const string RefreshInterval = "PT6H";

    public static bool Fits(ContentItem item) => item.Event is { Precision: DatePrecision.Day };

    public static string Of(IEnumerable<ContentItem> events, string name, CatalogueSnapshot catalogue, string origin)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(catalogue);
        var calendar = new Calendar { ProductId = "-//Lang nghe Binh Thuan//PublicPortal//VI", Method = CalendarMethods.Publish };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", RefreshInterval);
        calendar.AddProperty("X-PUBLISHED-TTL", RefreshInterval);
        var host = new Uri(origin).Host;
        foreach (var item in events.Where(Fits)) calendar.Events.Add(EventOf(item, catalogue, origin, host));
        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("The calendar could not be written.");
    }

    private static CalendarEvent EventOf(ContentItem item, CatalogueSnapshot catalogue, string origin, string host)
    {
        var e = item.Event!;
        var url = origin + SiteLinks.Item(item);
        var place = catalogue.PlaceOfEvent(item);
        var changed = DateTime.SpecifyKind(item.UpdatedAtUtc ?? item.PublishedAtUtc, DateTimeKind.Utc);
        var calendarEvent = new CalendarEvent
        {
            // The item's id, not its address: a renamed event stays the same event in a subscriber's calendar.
            Uid = $"event-{item.Id}@{host}",
            DtStamp = new CalDateTime(changed, "UTC"),
            LastModified = new CalDateTime(changed, "UTC"),
            Sequence = Math.Max(0, item.Version),
            Summary = item.Title + (EventTimes.StateText(e.State) is { } state ? $" ({state.ToLowerInvariant()})" : ""),
            Description = string.Join("\n\n", new[] { item.Summary, e.Organiser is null ? null : "Đơn vị tổ chức: " + e.Organiser, url }.OfType<string>()),
            Location = string.Join(", ", new[] { e.Address, place?.Title }.OfType<string>().Distinct()),
            Url = new Uri(url),
            Status = e.State switch
            {
                EventState.Cancelled => EventStatus.Cancelled,
                EventState.Postponed => EventStatus.Tentative,
                _ => EventStatus.Confirmed,
            },
        };
        if (place is not null && catalogue.LocationOf(place) is { } point)
            calendarEvent.GeographicLocation = new GeographicLocation(point.Latitude, point.Longitude);
        if (EventTimes.StartInstant(e) is { } start)
        {
            calendarEvent.DtStart = new CalDateTime(start.UtcDateTime, "UTC");
            var end = EventTimes.EndInstant(e)
                ?? (e.EndDate is { } lastDay ? EventTimes.StartOfDay(e, lastDay.AddDays(1)) : (DateTimeOffset?)null);
            if (end is { } until) calendarEvent.DtEnd = new CalDateTime(until.UtcDateTime, "UTC");
        }
        else
        {
            // All day: DTEND is the day after the last (exclusive), as RFC 5545 says.
            calendarEvent.DtStart = new CalDateTime(e.StartDate);
            calendarEvent.DtEnd = new CalDateTime(EventTimes.LastDay(e).AddDays(1));
        }
        return calendarEvent;
    }
}
