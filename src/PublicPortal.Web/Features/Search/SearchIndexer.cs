using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Web.Features.Search;

/// <summary>Keeps the index in step with the database: from the change feed, on start, and on demand (reindex).</summary>
public sealed class SearchIndexer(PortalDbContext db, MarkdownRenderer markdown, SearchIndex index, ILogger<SearchIndexer> logger)
{
    /// <summary>
    /// Re-indexes only the items the records changed or touched (a village's products show its name, a route its stops'),
    /// reading those items and the ones they name — never the whole table — and commits with the last record's sequence.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return;
        var ids = changes.SelectMany(c => c.TouchedIds().Prepend(c.ContentItemId ?? 0)).Where(id => id > 0).ToHashSet();
        var items = await db.ContentItems.AsNoTracking().Where(x => ids.Contains(x.Id)).ToListAsync(cancellationToken);
        var named = items.SelectMany(i => ContentRelations.ReferencesOf(i)).Select(r => r.Slug).Distinct().ToList();
        var around = await db.ContentItems.AsNoTracking().Where(x => named.Contains(x.Slug))
            .Select(x => new ContentItem { Id = x.Id, Kind = x.Kind, Slug = x.Slug, Title = x.Title, Locality = x.Locality })
            .ToListAsync(cancellationToken);
        var lookup = around.Concat(items).DistinctBy(i => (i.Kind, i.Slug)).ToDictionary(i => (i.Kind, i.Slug));

        // An address an item left (deleted, or moved to a new slug) leaves the index; one now held by another item is re-added below.
        foreach (var change in changes)
        {
            if (change.Kind is not { } kind || !SearchDocument.IndexedKinds.Contains(kind)) continue;
            if (change.OldSlug is { } old) index.Delete(kind, old);
            if (change.Change == ChangeKinds.Deleted) index.Delete(kind, change.Slug);
        }
        foreach (var item in items.Where(SearchDocument.IsIndexed))
        {
            if (DocumentOf(item, lookup) is { } document) index.Upsert([document]);
            else index.Delete(item.Kind, item.Slug);
        }
        index.Commit(changes[^1].Sequence);
    }

    public async Task<int> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        // The mark is read first: a change committed while the items are read is applied again from the feed (harmless).
        var mark = await db.ChangeRecords.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
        var all = (await db.ContentItems.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(i => (i.Kind, i.Slug));
        var documents = all.Values.Select(item => DocumentOf(item, all)).OfType<SearchDocument>().ToList();
        index.Rebuild(documents, progress, mark);
        return documents.Count;
    }

    /// <summary>On start: rebuild when the index was missing or unreadable, does not say where in the feed it stands, or does not hold what the database holds.</summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        var expected = await db.ContentItems.CountAsync(x => SearchDocument.IndexedKinds.Contains(x.Kind) && x.Status == ContentStatus.Published, cancellationToken);
        var reason = index.NeedsRebuild ? "it was missing or unreadable"
            : index.FeedMark is null ? "it was made before the change feed"
            : index.DocumentCount != expected ? $"it holds {index.DocumentCount} items and the database {expected}"
            : null;
        if (reason is null) return;
        logger.LogWarning("Rebuilding the search index because {Reason}", reason);
        var count = await RebuildAsync(cancellationToken: cancellationToken);
        logger.LogInformation("Search index rebuilt with {Count} items", count);
    }

    /// <summary>An item that cannot be indexed is logged and left out: one bad row is never a reason for the site not to start.</summary>
    private SearchDocument? DocumentOf(ContentItem item, IReadOnlyDictionary<(ContentKind, string), ContentItem> all)
    {
        try
        {
            return SearchDocument.From(item, all, markdown);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogError(ex, "Search: {Kind} {Slug} (id {Id}) cannot be indexed and is left out of search", item.Kind, item.Slug, item.Id);
            return null;
        }
    }
}
