namespace PublicPortal.Web.Features.Traffic;

/// <summary>"Lượt xem": an item's views, exact (stored, being written and pending), from the counter's live figures.</summary>
public sealed class ViewCounts(TrafficCounter counter)
{
    public ValueTask<long> OfAsync(int id, CancellationToken cancellationToken = default) => counter.ViewsAsync(id, cancellationToken);

    public Task<Dictionary<int, long>> OfAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default) =>
        counter.ViewsAsync(ids, cancellationToken);
}
