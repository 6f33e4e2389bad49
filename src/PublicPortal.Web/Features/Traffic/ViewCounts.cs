using Microsoft.EntityFrameworkCore;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>"Lượt xem": an item's stored count (its own table) plus what the counter holds in memory, not yet written.</summary>
public sealed class ViewCounts(Data.PortalDbContext db, TrafficCounter counter)
{
    public async Task<long> OfAsync(int id, CancellationToken cancellationToken = default) =>
        (await db.ItemViewCounts.Where(x => x.ContentItemId == id).Select(x => (long?)x.Views).FirstOrDefaultAsync(cancellationToken) ?? 0)
        + counter.PendingViews(id);

    public async Task<Dictionary<int, long>> OfAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var stored = await db.ItemViewCounts.Where(x => ids.Contains(x.ContentItemId)).ToDictionaryAsync(x => x.ContentItemId, x => x.Views, cancellationToken);
        return ids.Distinct().ToDictionary(id => id, id => stored.GetValueOrDefault(id) + counter.PendingViews(id));
    }
}
