using System.Globalization;
using PublicPortal.Web.Data;
using static PublicPortal.Web.Features.Content.FrontMatterValues;

namespace PublicPortal.Web.Features.Content;

/// <summary>An event's section: its days at the precision the source gives, its times in its own time zone, and its place.</summary>
internal static class EventMapper
{
    private const string TimeFormat = "HH:mm";

    public static EventDetails Read(EventDto e)
    {
        var (start, precision) = ParseDay(Required(e.Start, "event.start"), "event.start");
        var (end, endPrecision) = Optional(e.End) is { } endText ? ParseDay(endText, "event.end") : ((DateOnly?)null, precision);
        if (end is not null && endPrecision != precision)
            throw new ContentFormatException("event.end must be written like event.start (both days, both months or both years)");
        var startTime = ParseTime(e.StartTime, "event.start_time");
        var endTime = ParseTime(e.EndTime, "event.end_time");
        if (precision != DatePrecision.Day && (startTime is not null || endTime is not null))
            throw new ContentFormatException("event.start_time needs a day: a start known only to the month or year has no time");
        if (endTime is not null && startTime is null) throw new ContentFormatException("event.end_time needs event.start_time");
        var lastDay = end ?? start;
        if (lastDay < start) throw new ContentFormatException("event.end must not be before event.start");
        if (lastDay == start && endTime is { } et && startTime is { } st && et <= st)
            throw new ContentFormatException("event.end_time must be after event.start_time on a one-day event");
        if (lastDay.DayNumber - start.DayNumber > MaxDays) throw new ContentFormatException($"event.end must be within {MaxDays} days of event.start");
        var zone = Optional(e.TimeZone) ?? VietnamTime.Zone.Id;
        if (Events.EventTimes.FindZone(zone) is null) throw new ContentFormatException($"event.time_zone must be a time zone name such as Asia/Ho_Chi_Minh, not '{zone}'");
        var details = new EventDetails
        {
            StartDate = start,
            StartTime = startTime,
            EndDate = end == start ? null : end,
            EndTime = endTime,
            Precision = precision,
            TimeZone = zone,
            Village = Slug(e.Village, "event.village"),
            Sight = Slug(e.Sight, "event.sight"),
            Address = Optional(e.Address),
            Organiser = Optional(e.Organiser),
            State = Optional(e.Status) switch
            {
                null or "scheduled" => EventState.Scheduled,
                "cancelled" => EventState.Cancelled,
                "postponed" => EventState.Postponed,
                var other => throw new ContentFormatException($"event.status must be one of scheduled, cancelled, postponed, not '{other}'"),
            },
        };
        if (details.Village is null && details.Sight is null && details.Address is null)
            throw new ContentFormatException("event.address is required when the event is at neither a village nor a sight");
        return details;
    }

    public static EventDto Write(EventDetails e) => new()
    {
        Start = FormatDay(e.StartDate, e.Precision),
        StartTime = e.StartTime?.ToString(TimeFormat, CultureInfo.InvariantCulture),
        End = e.EndDate is { } end ? FormatDay(end, e.Precision) : null,
        EndTime = e.EndTime?.ToString(TimeFormat, CultureInfo.InvariantCulture),
        TimeZone = e.TimeZone == VietnamTime.Zone.Id ? null : e.TimeZone,
        Village = e.Village,
        Sight = e.Sight,
        Address = e.Address,
        Organiser = e.Organiser,
        Status = e.State switch { EventState.Cancelled => "cancelled", EventState.Postponed => "postponed", _ => null },
    };

    /// <summary>A festival lasts days, a fair weeks; a longer span is a typo (a year instead of a month).</summary>
    public const int MaxDays = 366;

    /// <summary>The years an event may be in: far enough for history and plans, and no date arithmetic near the calendar's ends.</summary>
    public const int FirstYear = 1900, LastYear = 2100;

    private static (DateOnly, DatePrecision) ParseDay(string value, string key)
    {
        var invariant = CultureInfo.InvariantCulture;
        (DateOnly, DatePrecision)? read = null;
        if (DateOnly.TryParseExact(value, DateFormat, invariant, DateTimeStyles.None, out var day)) read = (day, DatePrecision.Day);
        else if (DateOnly.TryParseExact(value, "yyyy-MM", invariant, DateTimeStyles.None, out var month)) read = (month, DatePrecision.Month);
        else if (value.Length == 4 && int.TryParse(value, NumberStyles.None, invariant, out var year) && year >= 1) read = (new DateOnly(year, 1, 1), DatePrecision.Year);
        if (read is null) throw new ContentFormatException($"'{key}' must be a date (2024-06-03), a month (2023-03) or a year (2023), not '{value}'");
        if (read.Value.Item1.Year is < FirstYear or > LastYear) throw new ContentFormatException($"{key} must be in the years {FirstYear}–{LastYear}, not '{value}'");
        return read.Value;
    }

    private static string FormatDay(DateOnly day, DatePrecision precision) => precision switch
    {
        DatePrecision.Month => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        DatePrecision.Year => day.ToString("yyyy", CultureInfo.InvariantCulture),
        _ => FormatDate(day)!,
    };

    private static TimeOnly? ParseTime(string? value, string key)
    {
        var text = Optional(value);
        if (text is null) return null;
        if (TimeOnly.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        throw new ContentFormatException($"'{key}' must be a time written as HH:mm (08:30), not '{text}'");
    }
}
