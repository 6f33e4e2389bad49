using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Programme;

/// <summary>
/// What makes a plan's targets, their indicators' figures and its tasks valid, in words an editor can act on. The content
/// file format calls these as it reads a plan; each takes the key it reports, so the message names the place in the file.
/// </summary>
public static class PlanTargetRules
{
    /// <summary>A target's part is one lower-case letter (a, b, c…), or none.</summary>
    public static string? Part(string? part, string key)
    {
        if (part is not null && !(part.Length == 1 && part[0] is >= 'a' and <= 'z'))
            throw new ContentFormatException($"'{key}.part' must be one lower-case letter (a, b, c…), not '{part}'");
        return part;
    }

    /// <summary>A measure is one the tracker computes from the catalogue, and then the target takes no yearly figures.</summary>
    public static string? Measure(string? measure, bool hasValues, string key)
    {
        if (measure is not null && !ProgressTracker.Measures.ContainsKey(measure))
            throw new ContentFormatException($"'{key}.measure' must be one of: {string.Join(", ", ProgressTracker.Measures.Keys)}");
        if (measure is not null && hasValues)
            throw new ContentFormatException($"'{key}': a measure computed from the catalogue takes no 'values'");
        return measure;
    }

    public static void Baseline(decimal? baseline, int? baselineYear, string key)
    {
        if ((baseline is null) != (baselineYear is null))
            throw new ContentFormatException($"'{key}': 'baseline' and 'baseline_year' go together");
    }

    /// <param name="key">The figure's own key, e.g. <c>targets[0].values[1]</c>.</param>
    public static int Year(int year, string key) =>
        year is >= 2000 and <= 2100 ? year : throw new ContentFormatException($"'{key}.year' must be a year, not {year}");

    /// <summary>An indicator's figures in year order, one per year.</summary>
    public static List<IndicatorValue> ByYear(IEnumerable<IndicatorValue> values, string key)
    {
        var ordered = values.OrderBy(v => v.Year).ToList();
        if (ordered.GroupBy(v => v.Year).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ContentFormatException($"'{key}.values' has {twice.Key} twice");
        return ordered;
    }

    /// <summary>Each number (and part) once; a number with parts has a part on every one of its entries.</summary>
    public static List<PlanTarget> Numbered(List<PlanTarget> targets)
    {
        if (targets.GroupBy(t => (t.Number, t.Part)).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ContentFormatException($"'targets' has number {twice.Key.Number}{twice.Key.Part} twice");
        if (targets.GroupBy(t => t.Number).FirstOrDefault(g => g.Count() > 1 && g.Any(t => t.Part is null)) is { } mixed)
            throw new ContentFormatException($"'targets': target {mixed.Key} has parts, so each of its entries needs a 'part' (a, b, c…)");
        return targets;
    }

    /// <summary>A task's status as the tracker spells it, whatever the case typed; none stays none.</summary>
    public static string? TaskStatus(string? status, string key) =>
        status is null ? null
            : ProgressTracker.TaskStatuses.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase))
              ?? throw new ContentFormatException($"'{key}' must be one of: {string.Join(", ", ProgressTracker.TaskStatuses)}");
}
