namespace PublicPortal.Web.Features.Traffic;

/// <summary>The figures of the counter box, from the counter's live figures (no query once they are loaded).</summary>
public sealed class TrafficReader(TrafficCounter counter)
{
    public ValueTask<TrafficSummary> SummaryAsync(CancellationToken cancellationToken = default) => counter.SummaryAsync(cancellationToken);
}
