namespace PublicPortal.Web.Features.Content;

// An event's section: "start" is yyyy-MM-dd, or yyyy-MM / yyyy when the source names only the month or the year.
public sealed class EventDto
{
    public string? Start { get; set; }
    public string? StartTime { get; set; }
    public string? End { get; set; }
    public string? EndTime { get; set; }
    public string? TimeZone { get; set; }
    public string? Village { get; set; }
    public string? Sight { get; set; }
    public string? Address { get; set; }
    public string? Organiser { get; set; }
    public string? Status { get; set; }
}
