using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>The figures of the counter box: stored days plus what is still in memory.</summary>
public sealed class TrafficReader(PortalDbContext db, TrafficCounter counter, IMemoryCache cache)
{
    private sealed record Stored(IReadOnlyList<(DateOnly Day, long Visits)> Recent, long Total);

    public async Task<TrafficSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        var today = counter.Today;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var from = monday < firstOfMonth ? monday : firstOfMonth;
        // Stored figures change only when the counter writes: read them once per write, not on every page.
        var stored = await cache.GetOrCreateAsync(("traffic-summary", counter.FlushCount, from), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            var recent = await db.DailyTraffic.AsNoTracking().Where(x => x.Day >= from).Select(x => new { x.Day, x.Visits }).ToListAsync(cancellationToken);
            var total = await db.DailyTraffic.SumAsync(x => x.Visits, cancellationToken);
            return new Stored(recent.Select(x => (x.Day, x.Visits)).ToList(), total);
        });
        long Since(DateOnly day) => stored!.Recent.Where(x => x.Day >= day).Sum(x => x.Visits) + counter.PendingSince(day, TrafficCounter.Measure.Visits);
        return new TrafficSummary(counter.Online, Since(today), Since(monday), Since(firstOfMonth), stored!.Total + counter.PendingTotal(TrafficCounter.Measure.Visits));
    }
}
