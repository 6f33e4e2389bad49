using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Programme;

public sealed record IndicatorProgress(
    PlanTarget Target,
    decimal? Current,
    int? Year,
    ProgressStatus Status,
    decimal? Expected,
    IReadOnlyList<YearValue> History,
    IReadOnlyList<Counted> Breakdown,
    string? Source,
    string? SourceUrl,
    DateOnly? Updated)
{
    public bool Computed => Target.Measure is not null;

    /// <summary>"2b" for a part of a composite target, "5" for a whole one: its anchor and its name on the page.</summary>
    public string Key => ProgressTracker.KeyOf(Target);

    /// <summary>For a share: how many villages count, of how many (shown beside every percentage).</summary>
    public (int Counted, int Of)? Counts => ProgressTracker.IsShare(Target.Measure) && Current is not null
        ? (Breakdown.Count(b => b.Counts), Breakdown.Count) : null;

    /// <summary>Whether its history places items by dates that may be unknown (the page then says how those are placed).</summary>
    public bool DatedHistory => Target.Measure is "ocop-share" or "recognised-since" or "restored-since";

    /// <summary>How far towards the goal, 0–1, for the progress bar.</summary>
    public double Fraction => Current is { } v && Target.Goal is > 0 ? Math.Clamp((double)(v / Target.Goal.Value), 0, 1) : 0;
}
