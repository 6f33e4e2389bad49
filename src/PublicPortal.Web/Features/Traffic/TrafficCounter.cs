using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// Counts page views and visits in memory and writes them in batches (<see cref="FlushAsync"/>, every second and at
/// shutdown) as <c>n = n + delta</c>: nothing is read-modified-written per request. A visitor is a hash of the day's
/// salt, the IP and the User-Agent (as Plausible and GoatCounter do); no cookie is set and no IP or User-Agent is kept.
/// </summary>
// Its semaphore is never disposed: it lives as long as the process, holds no wait handle (AvailableWaitHandle is never
// read), and disposing it at shutdown made the last request's count or the final flush throw.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "See above: the semaphore outlives every user of it.")]
public sealed partial class TrafficCounter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TrafficCounter> logger, ClusterVisitors? cluster = null)
{
    public static readonly TimeSpan VisitGap = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan OnlineWindow = TimeSpan.FromMinutes(5);

    // Counters are boxes incremented in place (Interlocked) and drained by exchanging them with zero: a page view
    // allocates nothing and never retries. Boxes stay (one per item viewed, one per recent day), so no increment can
    // land in a box that was just removed.
    // Per item id, then per (item as served, day): the page of one item reads its own few boxes, never the whole table.
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<(ServedItem Item, DateOnly Day), StrongBox<long>>> _itemViews = new();
    private readonly ConcurrentDictionary<(DateOnly Day, string Domain), StrongBox<long>> _referrers = new();
    private readonly ConcurrentDictionary<DateOnly, ConcurrentDictionary<string, byte>> _referrerDomains = new();
    private readonly ConcurrentDictionary<DateOnly, DayCounts> _days = new();
    private readonly ConcurrentDictionary<UInt128, VisitorState> _visitors = new();
    private readonly ConcurrentDictionary<DateOnly, byte[]> _salts = new();
    private CurrentDay? _current; // replaced whole at midnight (Vietnam time)
    // Several nodes only: visits begun here since the last flush, and when the last reconciliation looked.
    private readonly ConcurrentQueue<StartedVisit> _started = new();
    private long _reconciledTicks;

    private readonly record struct StartedVisit(UInt128 Visitor, DateOnly Day, string? Referrer);
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private long _flushes;

    /// <summary>Changes after every successful write, so readers can keep stored figures until then.</summary>
    public long FlushCount => Interlocked.Read(ref _flushes);

    public enum Measure
    {
        Visits,
        PageViews,
        BotRequests,
    }

    private sealed class VisitorState
    {
        public long LastTicks;
    }

    private sealed class DayCounts
    {
        public long Visits;
        public long PageViews;
        public long BotRequests;

        public ref long this[Measure measure]
        {
            get
            {
                if (measure == Measure.Visits) return ref Visits;
                if (measure == Measure.PageViews) return ref PageViews;
                return ref BotRequests;
            }
        }
    }

    private sealed record CurrentDay(DateOnly Day, long FromTicks, long UntilTicks, DayCounts Counts, byte[] Salt);

    /// <summary>Crawlers, headless browsers, HTTP libraries and monitors: not people. Matched anywhere, ignoring case.</summary>
    public static readonly IReadOnlyList<string> BotMarkers =
    [
        "bot", "crawl", "spider", "slurp", "archiver", "facebookexternalhit", "embedly", "preview", "headless", "phantomjs",
        "puppeteer", "playwright", "selenium", "lighthouse", "pagespeed", "curl", "wget", "python-requests", "python-urllib",
        "aiohttp", "httpx", "go-http-client", "java/", "okhttp", "apache-httpclient", "libwww", "node-fetch", "axios", "postman",
        "insomnia", "uptime", "pingdom", "statuscake", "monitor", "check_http", "zabbix", "nagios", "datadog",
    ];

    // A vectorised multi-string search: the same list as a case-insensitive regex cost ~1.5 µs per request.
    private static readonly System.Buffers.SearchValues<string> Bots = System.Buffers.SearchValues.Create([.. BotMarkers], StringComparison.OrdinalIgnoreCase);

    public static bool IsBot(string? userAgent) => string.IsNullOrWhiteSpace(userAgent) || userAgent.AsSpan().ContainsAny(Bots);

    /// <summary>Records one page view by a person; the item is the page's own content, when it has one.</summary>
    public async ValueTask RecordPageViewAsync(System.Net.IPAddress? ip, string userAgent, ServedItem? item, CancellationToken cancellationToken = default) =>
        await RecordPageViewAsync(ip, userAgent, item, referrer: null, cancellationToken);

    /// <summary>At most this many referring domains are kept per day; the rest count as <see cref="OtherReferrers"/> (a flood of invented domains cannot fill the database).</summary>
    public const int MaxReferrerDomainsPerDay = 500;

    public const string OtherReferrers = "(khác)";

    /// <summary>Records one page view by a person; <paramref name="referrer"/> is the other site's domain that sent them, if any.</summary>
    public async ValueTask RecordPageViewAsync(System.Net.IPAddress? ip, string userAgent, ServedItem? item, string? referrer, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var day = _current is { } current && now >= current.FromTicks && now < current.UntilTicks ? current : await DayAsync(now, cancellationToken);
        var visitor = VisitorId(day.Salt, ip, userAgent);
        var state = _visitors.GetOrAdd(visitor, static _ => new VisitorState());
        var previous = Interlocked.Exchange(ref state.LastTicks, now);
        if (previous == 0 || now - previous > VisitGap.Ticks)
        {
            Interlocked.Increment(ref day.Counts.Visits);
            var domain = referrer is null ? null : ReferrerKey(day.Day, referrer);
            if (domain is not null) Interlocked.Increment(ref _referrers.GetOrAdd((day.Day, domain), static _ => new StrongBox<long>()).Value);
            if (cluster is not null) _started.Enqueue(new StartedVisit(visitor, day.Day, domain));
        }
        Interlocked.Increment(ref day.Counts.PageViews);
        if (item is not null) Interlocked.Increment(ref ItemBox(item, day.Day).Value);
    }

    private StrongBox<long> ItemBox(ServedItem item, DateOnly day) =>
        _itemViews.GetOrAdd(item.Id, static _ => new()).GetOrAdd((item, day), static _ => new StrongBox<long>());

    private string ReferrerKey(DateOnly day, string domain)
    {
        var known = _referrerDomains.GetOrAdd(day, static _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        if (known.ContainsKey(domain)) return domain;
        if (known.Count >= MaxReferrerDomainsPerDay) return OtherReferrers;
        known.TryAdd(domain, 0);
        return domain;
    }

    private async ValueTask<CurrentDay> DayAsync(long nowTicks, CancellationToken cancellationToken)
    {
        var day = DayOf(new DateTimeOffset(nowTicks, TimeSpan.Zero));
        var salt = await SaltAsync(day, cancellationToken);
        var from = VietnamTime.StartOfDayUtc(day).Ticks;
        return _current = new CurrentDay(day, from, VietnamTime.StartOfDayUtc(day.AddDays(1)).Ticks, Counts(day), salt);
    }

    private DayCounts Counts(DateOnly day) => _days.GetOrAdd(day, static _ => new DayCounts());

    /// <summary>
    /// A 128-bit hash of the day's 32-byte random salt, the IP and the User-Agent, kept only in memory. XXH128 rather than
    /// SHA-256: SHA-256 through OpenSSL cost 0.75 µs a call, most of the counter's cost per request, and here it buys nothing —
    /// the hashes are never stored, and whoever could read them from memory could read the salt too and try every IPv4
    /// address with either function. Without the salt, neither reveals anything.
    /// </summary>
    private static UInt128 VisitorId(byte[] salt, System.Net.IPAddress? ip, string userAgent)
    {
        var length = salt.Length + 17 + Encoding.UTF8.GetMaxByteCount(userAgent.Length);
        var rented = length > 1024 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var buffer = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            salt.CopyTo(buffer);
            var used = salt.Length;
            if (ip is not null && ip.TryWriteBytes(buffer[used..], out var written)) used += written; // 4 or 16 bytes
            buffer[used++] = (byte)'|';
            used += Encoding.UTF8.GetBytes(userAgent, buffer[used..]);
            return System.IO.Hashing.XxHash128.HashToUInt128(buffer[..used]);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void RecordBot() => Interlocked.Increment(ref Counts(Today).BotRequests);

    public DateOnly Today => DayOf(clock.GetUtcNow());

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(VietnamTime.ToOffset(instant.UtcDateTime).DateTime);

    /// <summary>Distinct visitors with a page view in the last five minutes (on every node, as of the last flush, when there are several).</summary>
    public int Online
    {
        get
        {
            if (cluster?.Online is { } everywhere) return everywhere;
            var since = clock.GetUtcNow().UtcTicks - OnlineWindow.Ticks;
            return _visitors.Values.Count(v => Interlocked.Read(ref v.LastTicks) >= since);
        }
    }

    /// <summary>Counts not yet written, so figures shown right after a view already include it.</summary>
    public long Pending(DateOnly day, Measure measure) => _days.TryGetValue(day, out var counts) ? Interlocked.Read(ref counts[measure]) : 0;

    public long PendingViews(int id) => _itemViews.TryGetValue(id, out var boxes) ? boxes.Values.Sum(box => Interlocked.Read(ref box.Value)) : 0;

    public long PendingViews(ContentKind kind, string slug) =>
        _itemViews.Values.SelectMany(boxes => boxes).Where(kv => kv.Key.Item.Kind == kind && kv.Key.Item.Slug == slug).Sum(kv => Interlocked.Read(ref kv.Value.Value));

    public long PendingSince(DateOnly from, Measure measure) => _days.Where(kv => kv.Key >= from).Sum(kv => Interlocked.Read(ref kv.Value[measure]));

    public long PendingTotal(Measure measure) => _days.Values.Sum(counts => Interlocked.Read(ref counts[measure]));

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

    /// <summary>
    /// Several nodes: a visit begun here that another node had already counted (its visitor's requests went there too)
    /// is taken back before the counts are written, so the visitor is one visit. If Redis cannot be reached, the visits
    /// stay counted as this node saw them and the site goes on.
    /// </summary>
    private async Task ReconcileAcrossNodesAsync()
    {
        if (cluster is null) return;
        var now = clock.GetUtcNow();
        var started = new List<StartedVisit>();
        while (_started.TryDequeue(out var visit)) started.Add(visit);
        var since = _reconciledTicks;
        var active = _visitors.Where(kv => Interlocked.Read(ref kv.Value.LastTicks) >= since).Select(kv => kv.Key).ToList();
        // Also when nothing happened here: the figure of visitors online on every node must fall as they leave.
        try
        {
            var repeats = (await cluster.ReconcileAsync(started.Select(v => v.Visitor).ToList(), active, now)).ToHashSet();
            foreach (var visit in started.Where(v => repeats.Contains(v.Visitor)))
            {
                Interlocked.Decrement(ref Counts(visit.Day).Visits);
                if (visit.Referrer is not null) Interlocked.Decrement(ref _referrers.GetOrAdd((visit.Day, visit.Referrer), static _ => new StrongBox<long>()).Value);
            }
            _reconciledTicks = now.UtcTicks;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Reconciling {Visits} new visits with the other nodes (Redis) failed; they count as this node saw them", started.Count);
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

    private void ForgetIdleVisitors()
    {
        var before = clock.GetUtcNow().UtcTicks - VisitGap.Ticks;
        foreach (var (key, state) in _visitors)
        {
            // 0: created by a request that has not stamped it yet — removing it would make that visitor's next view a second visit.
            var last = Interlocked.Read(ref state.LastTicks);
            if (last == 0 || last >= before || !_visitors.TryRemove(new KeyValuePair<UInt128, VisitorState>(key, state))) continue;
            // A request may have stamped it between the check and the removal: keep it.
            if (Interlocked.Read(ref state.LastTicks) >= before) _visitors.TryAdd(key, state);
        }
    }

    /// <summary>The day's salt, from the database so a restart keeps recognising today's visitors; salts over 48 hours old are deleted.</summary>
    private async ValueTask<byte[]> SaltAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (_salts.TryGetValue(day, out var cached)) return cached;
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            if (_salts.TryGetValue(day, out cached)) return cached;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var stored = await db.VisitorSalts.AsNoTracking().FirstOrDefaultAsync(x => x.Day == day, cancellationToken);
            if (stored is null)
            {
                stored = new VisitorSalt { Day = day, Salt = RandomNumberGenerator.GetBytes(32) };
                db.VisitorSalts.Add(stored);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another node stored the day's salt first: every node must use that one, or one visitor is two.
                    db.ChangeTracker.Clear();
                    stored = await db.VisitorSalts.AsNoTracking().FirstAsync(x => x.Day == day, cancellationToken);
                }
            }
            var oldest = day.AddDays(-1); // today and yesterday: no salt lives beyond 48 hours
            await db.VisitorSalts.Where(x => x.Day < oldest).ExecuteDeleteAsync(cancellationToken);
            foreach (var old in _salts.Keys.Where(d => d < oldest)) _salts.TryRemove(old, out _);
            _salts[day] = stored.Salt;
            return stored.Salt;
        }
        finally
        {
            _flushing.Release();
        }
    }
}
