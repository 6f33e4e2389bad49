using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>The once-a-second write: pending counts drained, written as n = n + delta in one transaction, put back on failure.</summary>
public sealed partial class TrafficCounter
{
    /// <summary>Writes the pending counts in one transaction; on failure they are put back, so nothing is lost.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            await ReconcileAcrossNodesAsync();
            Dictionary<(ServedItem Item, DateOnly Day), long> items;
            Dictionary<(DateOnly Day, string Domain), long> referrers;
            Dictionary<(DateOnly Day, Measure Measure), long> days;
            // Taken out of the pending boxes and held as "being written" in one step, so the live figures
            // (TrafficCounter.Figures) never miss or double a count while this write is under way.
            lock (_figures)
            {
                items = DrainItems();
                referrers = Drain(_referrers);
                days = DrainDays();
                BeginWriting(items, days);
            }
            ForgetPastDays();
            ForgetIdleVisitors();
            if (items.Count == 0 && days.Count == 0 && referrers.Count == 0) return;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // Totals in their own table, never the item's row (an editor's save rewrites that): n = n + delta, or a new row.
                foreach (var (id, delta) in items.GroupBy(i => i.Key.Item.Id).Select(g => (g.Key, g.Sum(i => i.Value))))
                {
                    var counted = await db.ItemViewCounts.Where(x => x.ContentItemId == id)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.Views, x => x.Views + delta), cancellationToken);
                    // An item deleted since the view has no row to count into, and gets none.
                    if (counted == 0 && await db.ContentItems.AnyAsync(x => x.Id == id, cancellationToken))
                        db.ItemViewCounts.Add(new ItemViewCount { ContentItemId = id, Views = delta });
                }
                foreach (var (((_, kind, slug), day), delta) in items)
                {
                    var updated = await db.ItemDailyViews.Where(x => x.Kind == kind && x.Slug == slug && x.Day == day)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.Views, x => x.Views + delta), cancellationToken);
                    if (updated == 0) db.ItemDailyViews.Add(new ItemDailyViews { Kind = kind, Slug = slug, Day = day, Views = delta });
                }
                foreach (var ((day, domain), delta) in referrers)
                {
                    var updated = await db.ReferrerDaily.Where(x => x.Day == day && x.Domain == domain)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.Visits, x => x.Visits + delta), cancellationToken);
                    if (updated == 0) db.ReferrerDaily.Add(new ReferrerDaily { Day = day, Domain = domain, Visits = delta });
                }
                foreach (var day in days.Select(d => d.Key.Day).Distinct())
                {
                    var visits = days.GetValueOrDefault((day, Measure.Visits));
                    var views = days.GetValueOrDefault((day, Measure.PageViews));
                    var bots = days.GetValueOrDefault((day, Measure.BotRequests));
                    var updated = await db.DailyTraffic.Where(x => x.Day == day).ExecuteUpdateAsync(s => s
                        .SetProperty(x => x.Visits, x => x.Visits + visits)
                        .SetProperty(x => x.PageViews, x => x.PageViews + views)
                        .SetProperty(x => x.BotRequests, x => x.BotRequests + bots), cancellationToken);
                    if (updated == 0) db.DailyTraffic.Add(new DailyTraffic { Day = day, Visits = visits, PageViews = views, BotRequests = bots });
                }
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                lock (_figures)
                {
                    Written();
                    Interlocked.Increment(ref _flushes);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Writing {Items} view counts and {Days} day counts failed; they are kept for the next flush", items.Count, days.Count);
                lock (_figures)
                {
                    foreach (var ((item, day), delta) in items) Interlocked.Add(ref ItemBox(item, day).Value, delta);
                    foreach (var (key, delta) in referrers) Interlocked.Add(ref _referrers.GetOrAdd(key, static _ => new StrongBox<long>()).Value, delta);
                    foreach (var ((day, measure), delta) in days) Interlocked.Add(ref Counts(day)[measure], delta);
                    NotWritten();
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private Dictionary<(ServedItem Item, DateOnly Day), long> DrainItems()
    {
        var taken = new Dictionary<(ServedItem, DateOnly), long>();
        foreach (var boxes in _itemViews.Values)
        {
            foreach (var (key, box) in boxes)
            {
                var delta = Interlocked.Exchange(ref box.Value, 0);
                if (delta != 0) taken[key] = delta;
            }
        }
        return taken;
    }

    private static Dictionary<TKey, long> Drain<TKey>(ConcurrentDictionary<TKey, StrongBox<long>> pending) where TKey : notnull
    {
        var taken = new Dictionary<TKey, long>();
        foreach (var (key, box) in pending)
        {
            var delta = Interlocked.Exchange(ref box.Value, 0);
            if (delta != 0) taken[key] = delta;
        }
        return taken;
    }

    private Dictionary<(DateOnly Day, Measure Measure), long> DrainDays()
    {
        var taken = new Dictionary<(DateOnly, Measure), long>();
        var today = Today;
        foreach (var (day, counts) in _days)
        {
            foreach (var measure in Enum.GetValues<Measure>())
            {
                var delta = Interlocked.Exchange(ref counts[measure], 0);
                if (delta != 0) taken[(day, measure)] = delta;
            }
            // Past days get no more views once their last requests are done; drop them after a day's grace.
            if (day < today.AddDays(-1)) _days.TryRemove(day, out _);
        }
        return taken;
    }

    /// <summary>Counters of days before yesterday were just drained and get no more views: drop them so memory stays flat.</summary>
    private void ForgetPastDays()
    {
        var before = Today.AddDays(-1);
        foreach (var boxes in _itemViews.Values)
            foreach (var key in boxes.Keys.Where(k => k.Day < before)) boxes.TryRemove(key, out _);
        foreach (var key in _referrers.Keys.Where(k => k.Day < before)) _referrers.TryRemove(key, out _);
        foreach (var day in _referrerDomains.Keys.Where(d => d < before)) _referrerDomains.TryRemove(day, out _);
    }
}
