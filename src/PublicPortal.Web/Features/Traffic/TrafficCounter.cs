using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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

    public void RecordBot() => Interlocked.Increment(ref Counts(Today).BotRequests);

    public DateOnly Today => DayOf(clock.GetUtcNow());

    public static DateOnly DayOf(DateTimeOffset instant) => VietnamTime.DayOf(instant.UtcDateTime);

    /// <summary>Counts not yet written, so figures shown right after a view already include it.</summary>
    public long Pending(DateOnly day, Measure measure) => _days.TryGetValue(day, out var counts) ? Interlocked.Read(ref counts[measure]) : 0;

    public long PendingViews(int id) => _itemViews.TryGetValue(id, out var boxes) ? boxes.Values.Sum(box => Interlocked.Read(ref box.Value)) : 0;

    public long PendingViews(ContentKind kind, string slug) =>
        _itemViews.Values.SelectMany(boxes => boxes).Where(kv => kv.Key.Item.Kind == kind && kv.Key.Item.Slug == slug).Sum(kv => Interlocked.Read(ref kv.Value.Value));

    public long PendingSince(DateOnly from, Measure measure) => _days.Where(kv => kv.Key >= from).Sum(kv => Interlocked.Read(ref kv.Value[measure]));

    public long PendingTotal(Measure measure) => _days.Values.Sum(counts => Interlocked.Read(ref counts[measure]));
}
