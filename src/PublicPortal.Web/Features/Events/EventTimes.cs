using System.Globalization;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Events;

/// <summary>
/// An event's days and times as people read them ("03–05/06/2024", "tháng 3/2023") and as machines do (ISO 8601 with the
/// offset of the event's own time zone): never a day or an hour its source does not give.
/// </summary>
public static class EventTimes
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The time zone an id names, or none; Vietnam's is known even on a machine without tzdata.</summary>
    public static TimeZoneInfo? FindZone(string id)
    {
        if (string.Equals(id, VietnamTime.Zone.Id, StringComparison.Ordinal)) return VietnamTime.Zone;
        if (id.Length is 0 or > 64) return null;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    public static TimeZoneInfo ZoneOf(EventDetails e) => FindZone(e.TimeZone) ?? VietnamTime.Zone;

    /// <summary>Vietnam's clock, under whatever name ("Asia/Saigon", a Windows id): no "local time" note is needed.</summary>
    private static bool InVietnamZone(EventDetails e) => ZoneOf(e) is var zone && (zone.Id == VietnamTime.Zone.Id || zone.HasSameRules(VietnamTime.Zone));

    /// <summary>The last day the event may still be on: the end day, or the end of the month or year the source names.</summary>
    public static DateOnly LastDay(EventDetails e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var last = e.EndDate ?? e.StartDate;
        return e.Precision switch
        {
            DatePrecision.Month => new DateOnly(last.Year, last.Month, 1).AddMonths(1).AddDays(-1),
            DatePrecision.Year => new DateOnly(last.Year, 12, 31),
            _ => last,
        };
    }

    /// <summary>Not over yet on <paramref name="today"/> (Vietnam's day): upcoming events and those going on.</summary>
    public static bool IsUpcoming(EventDetails e, DateOnly today) => LastDay(e) >= today;

    /// <summary>Events (in <see cref="SortKey"/> order) as the pages show them: those not over, soonest first; those over, latest first.</summary>
    public static (IReadOnlyList<ContentItem> Upcoming, IReadOnlyList<ContentItem> Past) Split(IEnumerable<ContentItem> events, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(events);
        var all = events.ToList();
        return (all.Where(e => IsUpcoming(e.Event!, today)).ToList(), all.Where(e => !IsUpcoming(e.Event!, today)).Reverse().ToList());
    }

    /// <summary>
    /// Earliest first; an event without an hour before one with an hour on the same day, and one known only to its month
    /// or year after the events of known days in it (it may be any day of it, so it is not put on the first).
    /// </summary>
    public static (DateOnly, int, TimeOnly) SortKey(EventDetails e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Precision == DatePrecision.Day ? (e.StartDate, e.StartTime is null ? 0 : 1, e.StartTime ?? TimeOnly.MinValue) : (LastDay(e), 2, TimeOnly.MinValue);
    }

    /// <summary>Where the event stands on <paramref name="today"/>: "Sắp diễn ra", "Đang diễn ra", "Trong tháng này, chưa rõ ngày", "Đã diễn ra".</summary>
    public static string Standing(EventDetails e, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (LastDay(e) < today) return "Đã diễn ra";
        var first = e.Precision switch
        {
            DatePrecision.Month => new DateOnly(e.StartDate.Year, e.StartDate.Month, 1),
            DatePrecision.Year => new DateOnly(e.StartDate.Year, 1, 1),
            _ => e.StartDate,
        };
        if (first > today) return "Sắp diễn ra";
        return e.Precision switch
        {
            DatePrecision.Month => "Trong tháng này, chưa rõ ngày",
            DatePrecision.Year => "Trong năm nay, chưa rõ ngày",
            _ => "Đang diễn ra",
        };
    }

    /// <summary>"29/11/2022", "03–05/06/2024", "08:00–11:00, 26/03/2023", "tháng 3/2023", "năm 2023".</summary>
    public static string Text(EventDetails e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var start = e.StartDate;
        var end = e.EndDate ?? start;
        switch (e.Precision)
        {
            case DatePrecision.Year:
                return start.Year == end.Year ? $"năm {start.Year}" : $"năm {start.Year}–{end.Year}";
            case DatePrecision.Month:
                if (start.Year == end.Year && start.Month == end.Month) return $"tháng {start.Month}/{start.Year}";
                return start.Year == end.Year ? $"tháng {start.Month}–{end.Month}/{start.Year}" : $"tháng {start.Month}/{start.Year} – tháng {end.Month}/{end.Year}";
        }
        string text;
        if (e.StartTime is { } startTime)
        {
            text = start == end
                ? $"{Time(startTime)}{(e.EndTime is { } endTime ? "–" + Time(endTime) : "")}, {VietnamTime.Date(start)}"
                : $"{Time(startTime)} {VietnamTime.Date(start)} – {(e.EndTime is { } lastTime ? Time(lastTime) + " " : "")}{VietnamTime.Date(end)}";
            if (!InVietnamZone(e)) text += $" (giờ địa phương, UTC{Offset(ZoneOf(e).GetUtcOffset(start.ToDateTime(startTime)))})";
            return text;
        }
        if (start == end) return VietnamTime.Date(start);
        if (start.Year != end.Year) return $"{VietnamTime.Date(start)} – {VietnamTime.Date(end)}";
        return start.Month == end.Month
            ? $"{start.Day:00}–{VietnamTime.Date(end)}"
            : $"{start.ToString("dd/MM", Invariant)}–{VietnamTime.Date(end)}";
    }

    /// <summary>For timed events abroad: the start in Vietnam's time, so a reader here knows when to watch.</summary>
    public static string? InVietnam(EventDetails e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.StartTime is null || e.Precision != DatePrecision.Day || InVietnamZone(e)) return null;
        var local = VietnamTime.ToOffset(StartInstant(e)!.Value.UtcDateTime);
        return $"{local.ToString("HH:mm", Invariant)}, {local.ToString("dd/MM/yyyy", Invariant)} giờ Việt Nam";
    }

    /// <summary>The start as an instant, when the event has an hour.</summary>
    public static DateTimeOffset? StartInstant(EventDetails e) => e.StartTime is { } t ? Instant(e, e.StartDate, t) : null;

    /// <summary>The end as an instant, when it has an hour.</summary>
    public static DateTimeOffset? EndInstant(EventDetails e) => e.EndTime is { } t ? Instant(e, e.EndDate ?? e.StartDate, t) : null;

    /// <summary>Midnight of a day in the event's zone.</summary>
    public static DateTimeOffset StartOfDay(EventDetails e, DateOnly day) => Instant(e, day, TimeOnly.MinValue);

    private static DateTimeOffset Instant(EventDetails e, DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        var zone = ZoneOf(e);
        // A wall time skipped by a daylight-saving jump does not exist: take it as the hour after.
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The start as ISO 8601 at its precision ("2023-03", "2024-06-03", "2023-03-26T08:00:00+07:00"): schema.org and &lt;time&gt;.</summary>
    public static string StartIso(EventDetails e) => Iso(e, e.StartDate, StartInstant(e));

    /// <summary>The end likewise, or none when the event is one day (or month) without an end hour.</summary>
    public static string? EndIso(EventDetails e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (EndInstant(e) is { } end) return Iso(e, e.EndDate ?? e.StartDate, end);
        return e.EndDate is { } day ? Iso(e, day, null) : null;
    }

    private static string Iso(EventDetails e, DateOnly day, DateTimeOffset? instant) => e.Precision switch
    {
        DatePrecision.Month => day.ToString("yyyy-MM", Invariant),
        DatePrecision.Year => day.ToString("yyyy", Invariant),
        _ => instant is { } at ? at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", Invariant) : day.ToString("yyyy-MM-dd", Invariant),
    };

    private static string Time(TimeOnly time) => time.ToString("HH:mm", Invariant);

    private static string Offset(TimeSpan offset) => (offset < TimeSpan.Zero ? "−" : "+") + offset.Duration().ToString(@"hh\:mm", Invariant);

    /// <summary>"Đã hủy", "Tạm hoãn", or none for an event going ahead.</summary>
    public static string? StateText(EventState state) => state switch
    {
        EventState.Cancelled => "Đã hủy",
        EventState.Postponed => "Tạm hoãn",
        _ => null,
    };
}
