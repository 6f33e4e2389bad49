using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Programme;

public sealed record PlanProgress(ContentItem Plan, int StartYear, DateOnly Today, IReadOnlyList<IndicatorProgress> Indicators)
{
    public int Count(ProgressStatus status) => Indicators.Count(i => i.Status == status);

    /// <summary>The plan's targets as it numbers them, each with its indicators (several for a composite target).</summary>
    public IReadOnlyList<IGrouping<int, IndicatorProgress>> Targets => Indicators.GroupBy(i => i.Target.Number).ToList();
}
