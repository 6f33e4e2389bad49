using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// The live figures of this process: what is stored (read from the database once, then kept up to date by this
/// process's own writes), plus what is being written, plus what is still pending. All three are read together under
/// one lock that the flush also takes when it moves counts between them, so a figure never misses or doubles a view
/// — it is exact at every moment, and costs no query once loaded.
/// </summary>
public sealed partial class TrafficCounter
{
    private readonly Lock _figures = new();

    // Stored totals, loaded on first use. Views per item; visits per day from the first day a summary can need.
    private readonly Dictionary<int, long> _storedViews = [];
    private Dictionary<DateOnly, long>? _storedVisits;
    private DateOnly _storedVisitsFrom;
    private long _storedTotalVisits;

    // Counts taken from the pending boxes by the flush under way, until it has written them (or put them back).
    private Dictionary<int, long> _writingViews = [];
    private Dictionary<(DateOnly Day, Measure Measure), long> _writingDays = [];

    private int _onlineCached;
    private long _onlineAtTicks = long.MinValue;

    private void BeginWriting(Dictionary<(ServedItem Item, DateOnly Day), long> items, Dictionary<(DateOnly Day, Measure Measure), long> days)
    {
        _writingViews = items.GroupBy(i => i.Key.Item.Id).ToDictionary(g => g.Key, g => g.Sum(i => i.Value));
        _writingDays = days;
    }

    /// <summary>The write committed: what it held is stored now.</summary>
    private void Written()
    {
        foreach (var (id, delta) in _writingViews)
            if (_storedViews.TryGetValue(id, out var stored)) _storedViews[id] = stored + delta;
        if (_storedVisits is not null)
        {
            foreach (var ((day, measure), delta) in _writingDays)
            {
                if (measure != Measure.Visits) continue;
                _storedVisits[day] = _storedVisits.GetValueOrDefault(day) + delta;
                _storedTotalVisits += delta;
            }
        }
        NotWritten();
    }

    /// <summary>Nothing is being written any more (done, or put back into the pending boxes).</summary>
    private void NotWritten()
    {
        _writingViews = [];
        _writingDays = [];
    }

    /// <summary>"Lượt xem" of an item, exact: stored, being written and pending views.</summary>
    public async ValueTask<long> ViewsAsync(int id, CancellationToken cancellationToken = default)
    {
        lock (_figures)
        {
            if (_storedViews.TryGetValue(id, out var stored)) return stored + _writingViews.GetValueOrDefault(id) + PendingViews(id);
        }
        await LoadStoredAsync(async db =>
        {
            var stored = await db.ItemViewCounts.Where(x => x.ContentItemId == id).Select(x => (long?)x.Views).FirstOrDefaultAsync(cancellationToken) ?? 0;
            return () => _storedViews.TryAdd(id, stored);
        }, cancellationToken);
        return await ViewsAsync(id, cancellationToken);
    }

    /// <summary>Views of several items (the admin's list).</summary>
    public async Task<Dictionary<int, long>> ViewsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        int[] missing;
        lock (_figures) missing = [.. ids.Distinct().Where(id => !_storedViews.ContainsKey(id))];
        if (missing.Length > 0)
        {
            await LoadStoredAsync(async db =>
            {
                var stored = await db.ItemViewCounts.Where(x => missing.Contains(x.ContentItemId)).ToDictionaryAsync(x => x.ContentItemId, x => x.Views, cancellationToken);
                return () => { foreach (var id in missing) _storedViews.TryAdd(id, stored.GetValueOrDefault(id)); };
            }, cancellationToken);
        }
        var views = new Dictionary<int, long>();
        lock (_figures)
        {
            foreach (var id in ids.Distinct())
                views[id] = _storedViews.GetValueOrDefault(id) + _writingViews.GetValueOrDefault(id) + PendingViews(id);
        }
        return views;
    }

    /// <summary>
    /// The stored count of an item was changed by something other than this counter (an import's starting value,
    /// an item deleted and its number given to a new one): read it again on next use.
    /// </summary>
    public void ForgetStoredViews(int id)
    {
        lock (_figures) _storedViews.Remove(id);
    }

    /// <summary>The counter box: visitors online now, and visits today, this week, this month and in all.</summary>
    public async ValueTask<TrafficSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        var today = Today;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var from = monday < firstOfMonth ? monday : firstOfMonth;
        var online = OnlineNow();
        lock (_figures)
        {
            if (_storedVisits is not null && _storedVisitsFrom <= from)
            {
                long Since(DateOnly day)
                {
                    long sum = 0;
                    foreach (var (d, v) in _storedVisits) if (d >= day) sum += v;
                    foreach (var ((d, measure), v) in _writingDays) if (d >= day && measure == Measure.Visits) sum += v;
                    return sum + PendingSince(day, Measure.Visits);
                }
                var total = _storedTotalVisits + _writingDays.Where(kv => kv.Key.Measure == Measure.Visits).Sum(kv => kv.Value) + PendingTotal(Measure.Visits);
                return new TrafficSummary(online, Since(today), Since(monday), Since(firstOfMonth), total);
            }
        }
        await LoadStoredAsync(async db =>
        {
            var recent = await db.DailyTraffic.AsNoTracking().Where(x => x.Day >= from).ToDictionaryAsync(x => x.Day, x => x.Visits, cancellationToken);
            var total = await db.DailyTraffic.SumAsync(x => x.Visits, cancellationToken);
            return () =>
            {
                _storedVisits = recent;
                _storedVisitsFrom = from;
                _storedTotalVisits = total;
            };
        }, cancellationToken);
        return await SummaryAsync(cancellationToken);
    }

    /// <summary>
    /// Reads stored figures while no flush is writing (the flush holds the same semaphore), so what is read and what
    /// is being written never overlap; the result is kept under the lock.
    /// </summary>
    private async Task LoadStoredAsync(Func<PortalDbContext, Task<Action>> read, CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var keep = await read(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
            lock (_figures) keep();
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>
    /// Visitors online, counted again at most once a second when there are many (every page shows it, and counting
    /// walks every visitor of the last half hour); exact while there are few.
    /// </summary>
    private int OnlineNow()
    {
        var now = clock.GetUtcNow().UtcTicks;
        if (_visitors.Count < 1000) return Online;
        if (now - Interlocked.Read(ref _onlineAtTicks) < TimeSpan.TicksPerSecond) return Volatile.Read(ref _onlineCached);
        var online = Online;
        Volatile.Write(ref _onlineCached, online);
        Interlocked.Exchange(ref _onlineAtTicks, now);
        return online;
    }
}
