namespace PublicPortal.Web.Features.Content;

public sealed class ChangeFeedOptions
{
    public const string Section = "Portal:ChangeFeed";

    /// <summary>How often the feed is read when nothing in this process signalled a write (another process, another node).</summary>
    [System.ComponentModel.DataAnnotations.Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 1_000;

    /// <summary>Test hook: the handlers never run, as if the process died right after each commit.</summary>
    public bool Hold { get; set; }

    /// <summary>How long the scheduler sleeps at most before looking ahead again (real time).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3_600)]
    public int ScheduleRecheckSeconds { get; set; } = 60;

    /// <summary>
    /// With several nodes, one watches the schedule; if it dies, another takes over within this time (and a third of
    /// it, its next look).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(3, 3_600)]
    public int ScheduleLeaseSeconds { get; set; } = 30;
}
