using System.Collections.Concurrent;
using System.Diagnostics;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// The figures written into pages, formatted. Exact while the site is quiet: each response reads the counter. Under
/// load, at most <see cref="ExactReadsPerSecond"/> responses a second read it and the others reuse the last reading,
/// which is then at most a second old — so under a flood of new readers a popular page's compressed copy is made
/// again at most that many times a second, not once per reader (<see cref="Hosting.CachedRenditions"/>).
/// </summary>
public sealed class LiveFiguresSource(TrafficCounter counter, TimeProvider clock)
{
    public const int ExactReadsPerSecond = 100;

    /// <summary>Beyond this many items with a reading, the readings are dropped (they are made again on use).</summary>
    private const int MaxItemReadings = 10_000;

    private sealed record Reading(long RealTimestamp, long ClockTicks, byte[] Figure);

    private sealed record SummaryReading(long RealTimestamp, long ClockTicks, byte[][] Figures);

    private SummaryReading? _summary;
    private readonly ConcurrentDictionary<int, Reading> _views = new();
    private long _windowStart = Stopwatch.GetTimestamp();
    private int _readsInWindow;

    /// <summary>
    /// The figures of one response, indexed by <see cref="LiveFigures.Figure"/>: "Lượt xem" of the item the page
    /// serves (none when it serves none), then the counter box.
    /// </summary>
    public async ValueTask<byte[]?[]> FiguresAsync(int? item, CancellationToken cancellationToken)
    {
        var exact = MayReadExactly(); // one reading of the budget per response
        var figures = new byte[]?[Count];
        var summary = Volatile.Read(ref _summary);
        if (exact || summary is null || !Recent(summary.RealTimestamp, summary.ClockTicks))
        {
            var read = await counter.SummaryAsync(cancellationToken);
            summary = new SummaryReading(Stopwatch.GetTimestamp(), clock.GetUtcNow().UtcTicks,
                [Bytes(read.Online), Bytes(read.Today), Bytes(read.ThisWeek), Bytes(read.ThisMonth), Bytes(read.Total)]);
            Volatile.Write(ref _summary, summary);
        }
        summary.Figures.CopyTo(figures, (int)LiveFigures.Figure.Online);
        if (item is { } id)
        {
            if (exact || !_views.TryGetValue(id, out var views) || !Recent(views.RealTimestamp, views.ClockTicks))
            {
                views = new Reading(Stopwatch.GetTimestamp(), clock.GetUtcNow().UtcTicks, Bytes(await counter.ViewsAsync(id, cancellationToken)));
                if (_views.Count >= MaxItemReadings) _views.Clear();
                _views[id] = views;
            }
            figures[(int)LiveFigures.Figure.ItemViews] = views.Figure;
        }
        return figures;
    }

    private static readonly int Count = Enum.GetValues<LiveFigures.Figure>().Length;

    /// <summary>Less than a second old, by the wall and by the site's clock (which tests move by hand).</summary>
    private bool Recent(long realTimestamp, long clockTicks)
    {
        var clockAge = clock.GetUtcNow().UtcTicks - clockTicks;
        return Stopwatch.GetElapsedTime(realTimestamp) < TimeSpan.FromSeconds(1) && clockAge is >= 0 and < TimeSpan.TicksPerSecond;
    }

    /// <summary>Whether this second's budget of exact readings has room (races only let a few more through).</summary>
    private bool MayReadExactly()
    {
        var now = Stopwatch.GetTimestamp();
        var start = Interlocked.Read(ref _windowStart);
        if (now - start >= Stopwatch.Frequency && Interlocked.CompareExchange(ref _windowStart, now, start) == start)
            Interlocked.Exchange(ref _readsInWindow, 0);
        return Interlocked.Increment(ref _readsInWindow) <= ExactReadsPerSecond;
    }

    private static byte[] Bytes(long value) => System.Text.Encoding.UTF8.GetBytes(LiveFigures.Format(value));
}
