using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>
/// The published catalogue, held in memory as one immutable snapshot and replaced when the change feed says a
/// catalogue item changed (or went live) and when the day changes (OCOP certificates expire by date). Every catalogue
/// page, facet count and open-data file reads it, so none of them queries the database; the first reader after a
/// change builds the new snapshot (one query) and readers meanwhile wait for it, so an edit shows on the next request.
/// </summary>
public sealed class CatalogueStore(IServiceScopeFactory scopes, TimeProvider clock, MarkdownRenderer markdown) : IDisposable
{
    internal static readonly ContentKind[] Kinds =
        [ContentKind.Locality, ContentKind.Craft, ContentKind.Village, ContentKind.Product, ContentKind.Sight, ContentKind.Route, ContentKind.Event];

    private readonly SemaphoreSlim _building = new(1, 1);
    private long _generation;
    private (CatalogueSnapshot Snapshot, long Generation)? _current;

    /// <summary>Something the catalogue shows changed: the next reader gets a new snapshot.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    public async Task<CatalogueSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } fresh) return fresh;
        await _building.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } built) return built;
            // Read the generation first: a change applied while this query runs makes the result stale at once.
            var generation = Interlocked.Read(ref _generation);
            var now = clock.GetUtcNow().UtcDateTime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            // When the catalogue last changed (its change records, images included), or the day began (OCOP states turn at
            // midnight): what the open data says of its update time. Read before the items, so it is never newer than they are.
            // Events are shown on catalogue pages but are in no dataset: their changes do not move the datasets' date.
            var changed = await db.ChangeRecords.Where(c => c.Kind != null && c.Kind != ContentKind.Event && Kinds.Contains(c.Kind.Value) || c.Change == ChangeKinds.Media)
                .MaxAsync(c => (DateTime?)c.AtUtc, cancellationToken) ?? DateTime.MinValue;
            var items = await db.ContentItems.AsNoTracking()
                .Where(x => Kinds.Contains(x.Kind) && x.Status == ContentStatus.Published && x.PublishedAtUtc <= now)
                .ToListAsync(cancellationToken);
            var dayBegan = VietnamTime.StartOfDayUtc(TodayOf(now));
            var snapshot = new CatalogueSnapshot(items, TodayOf(now), markdown) { ModifiedUtc = changed > dayBegan ? changed : dayBegan, BuiltUtc = now };
            _current = (snapshot, generation);
            return snapshot;
        }
        finally
        {
            _building.Release();
        }
    }

    private CatalogueSnapshot? Fresh() =>
        _current is { } current && current.Generation == Interlocked.Read(ref _generation) && current.Snapshot.Today == TodayOf(clock.GetUtcNow().UtcDateTime)
            ? current.Snapshot : null;

    private static DateOnly TodayOf(DateTime utc) => VietnamTime.DayOf(utc);

    public void Dispose() => _building.Dispose();
}
