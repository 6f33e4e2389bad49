using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// Counts page views and visits in memory and writes them in batches (<see cref="FlushAsync"/>, every second and at
/// shutdown) as <c>n = n + delta</c>: nothing is read-modified-written per request. A visitor is a hash of the day's
/// salt, the IP and the User-Agent (as Plausible and GoatCounter do); no cookie is set and no IP or User-Agent is kept.
/// </summary>
public sealed partial class TrafficCounter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TrafficCounter> logger)
{
    public static readonly TimeSpan VisitGap = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan OnlineWindow = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(ContentKind Kind, string Slug), long> _itemViews = new();
    private readonly ConcurrentDictionary<(DateOnly Day, Measure Measure), long> _dayCounts = new();
    private readonly ConcurrentDictionary<string, VisitorState> _visitors = new();
    private readonly ConcurrentDictionary<DateOnly, byte[]> _salts = new();
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

    /// <summary>Crawlers, headless browsers, HTTP libraries and monitors: not people.</summary>
    [GeneratedRegex(@"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|phantomjs|puppeteer|playwright|selenium|lighthouse|pagespeed|curl|wget|python-requests|python-urllib|aiohttp|httpx|go-http-client|java/|okhttp|apache-httpclient|libwww|node-fetch|axios|postman|insomnia|uptime|pingdom|statuscake|monitor|check_http|zabbix|nagios|datadog", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BotPattern();

    public static bool IsBot(string? userAgent) => string.IsNullOrWhiteSpace(userAgent) || BotPattern().IsMatch(userAgent);

    /// <summary>Records one page view by a person; the item is the page's own content, when it has one.</summary>
    public async ValueTask RecordPageViewAsync(string? ip, string userAgent, (ContentKind Kind, string Slug)? item, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var day = DayOf(now);
        var salt = await SaltAsync(day, cancellationToken);
        var visitor = VisitorId(salt, ip, userAgent);

        var state = _visitors.GetOrAdd(visitor, _ => new VisitorState());
        var previous = Interlocked.Exchange(ref state.LastTicks, now.UtcTicks);
        if (previous == 0 || now.UtcTicks - previous > VisitGap.Ticks) Add(day, Measure.Visits);
        Add(day, Measure.PageViews);
        if (item is { } key) _itemViews.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    /// <summary>SHA-256 of salt, IP and User-Agent; only its first 16 bytes are kept, only in memory.</summary>
    private static string VisitorId(byte[] salt, string? ip, string userAgent)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(salt);
        hash.AppendData(Encoding.UTF8.GetBytes(ip ?? ""));
        hash.AppendData("|"u8);
        hash.AppendData(Encoding.UTF8.GetBytes(userAgent));
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexString(digest[..16]);
    }

    public void RecordBot() => Add(DayOf(clock.GetUtcNow()), Measure.BotRequests);

    private void Add(DateOnly day, Measure measure) => _dayCounts.AddOrUpdate((day, measure), 1, (_, n) => n + 1);

    public DateOnly Today => DayOf(clock.GetUtcNow());

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(VietnamTime.ToOffset(instant.UtcDateTime).DateTime);

    /// <summary>Distinct visitors with a page view in the last five minutes.</summary>
    public int Online
    {
        get
        {
            var since = clock.GetUtcNow().UtcTicks - OnlineWindow.Ticks;
            return _visitors.Values.Count(v => Interlocked.Read(ref v.LastTicks) >= since);
        }
    }

    /// <summary>Counts not yet written, so figures shown right after a view already include it.</summary>
    public long Pending(DateOnly day, Measure measure) => _dayCounts.GetValueOrDefault((day, measure));

    public long PendingViews(ContentKind kind, string slug) => _itemViews.GetValueOrDefault((kind, slug));

    public long PendingSince(DateOnly from, Measure measure) => _dayCounts.Where(kv => kv.Key.Day >= from && kv.Key.Measure == measure).Sum(kv => kv.Value);

    public long PendingTotal(Measure measure) => _dayCounts.Where(kv => kv.Key.Measure == measure).Sum(kv => kv.Value);

    /// <summary>Writes the pending counts in one transaction; on failure they are put back, so nothing is lost.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var items = Drain(_itemViews);
            var days = Drain(_dayCounts);
            ForgetIdleVisitors();
            if (items.Count == 0 && days.Count == 0) return;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                foreach (var ((kind, slug), delta) in items)
                    await db.ContentItems.Where(x => x.Kind == kind && x.Slug == slug)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.ViewCount, x => x.ViewCount + delta), cancellationToken);
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
                Interlocked.Increment(ref _flushes);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Writing {Items} view counts and {Days} day counts failed; they are kept for the next flush", items.Count, days.Count);
                foreach (var (key, delta) in items) _itemViews.AddOrUpdate(key, delta, (_, n) => n + delta);
                foreach (var (key, delta) in days) _dayCounts.AddOrUpdate(key, delta, (_, n) => n + delta);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    private static Dictionary<TKey, long> Drain<TKey>(ConcurrentDictionary<TKey, long> pending) where TKey : notnull
    {
        var taken = new Dictionary<TKey, long>();
        foreach (var key in pending.Keys)
        {
            if (pending.TryRemove(key, out var delta) && delta != 0) taken[key] = delta;
        }
        return taken;
    }

    private void ForgetIdleVisitors()
    {
        var before = clock.GetUtcNow().UtcTicks - VisitGap.Ticks;
        foreach (var (key, state) in _visitors)
        {
            if (Interlocked.Read(ref state.LastTicks) < before) _visitors.TryRemove(key, out _);
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
                await db.SaveChangesAsync(cancellationToken);
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
