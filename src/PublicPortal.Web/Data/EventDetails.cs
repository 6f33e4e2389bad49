namespace PublicPortal.Web.Data;

/// <summary>Whether an event goes ahead as announced (schema.org's EventScheduled, EventCancelled, EventPostponed).</summary>
public enum EventState
{
    Scheduled = 0,
    Cancelled = 1,
    Postponed = 2,
}

/// <summary>
/// An event or festival: when (in its own time zone, to the precision its source gives), where (a village, a sight or an
/// address) and who organises it. Dates are the wall clock of <see cref="TimeZone"/>, as the organiser announces them.
/// </summary>
public sealed class EventDetails
{
    /// <summary>The first day; only its month (or year) counts when <see cref="Precision"/> says so.</summary>
    public DateOnly StartDate { get; set; }

    /// <summary>The starting time; none: an all-day event (or one whose hour the source does not give).</summary>
    public TimeOnly? StartTime { get; set; }

    /// <summary>The last day (inclusive); none: the event is on <see cref="StartDate"/> only.</summary>
    public DateOnly? EndDate { get; set; }

    public TimeOnly? EndTime { get; set; }

    /// <summary>Day, month or year: "tháng 3/2023" when the source names only the month.</summary>
    public DatePrecision Precision { get; set; }

    /// <summary>The IANA time zone of the times ("Asia/Ho_Chi_Minh" unless the event is abroad).</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>The village where it happens (slug), if any.</summary>
    public string? Village { get; set; }

    /// <summary>The sight where it happens (slug), if any.</summary>
    public string? Sight { get; set; }

    /// <summary>A free address: where neither a village nor a sight says it, or to be more precise than they do.</summary>
    public string? Address { get; set; }

    public string? Organiser { get; set; }

    public EventState State { get; set; }
}
