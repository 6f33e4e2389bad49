using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Web.Features.Search;

/// <summary>Keeps the index in step with the database: after each write, on start, and on demand (reindex).</summary>
public sealed class SearchIndexer(PortalDbContext db, MarkdownRenderer markdown, IServiceProvider services, PortalPaths paths, ILogger<SearchIndexer> logger)
{
    private string StaleMarker => Path.Combine(paths.DataDirectory, "search-index.stale");

    private static readonly ContentKind[] CatalogueKinds = [ContentKind.Village, ContentKind.Product, ContentKind.Sight, ContentKind.Route];

    /// <summary>
    /// Re-indexes what a write changed (and, when a place, craft, village or sight changed, the catalogue items that show its name).
    /// If another process (the running site) holds the index, the index is marked stale and rebuilt at that site's next start.
    /// </summary>
    public async Task RefreshAsync(IReadOnlyCollection<ContentItem> changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changed);
        if (changed.Count == 0) return;
        try
        {
            var index = services.GetRequiredService<SearchIndex>();
            var all = await LoadAllAsync(cancellationToken);
            var touchesCatalogue = changed.Any(c => c.Kind is ContentKind.Locality or ContentKind.Craft or ContentKind.Village or ContentKind.Sight);
            var affected = changed.Select(c => (c.Kind, c.Slug))
                .Concat(touchesCatalogue ? all.Values.Where(i => CatalogueKinds.Contains(i.Kind)).Select(i => (i.Kind, i.Slug)) : [])
                .Distinct();
            foreach (var (kind, slug) in affected)
            {
                if (!SearchDocument.IndexedKinds.Contains(kind)) continue;
                var document = all.TryGetValue((kind, slug), out var item) ? DocumentOf(item, all) : null;
                if (document is null) index.Delete(kind, slug);
                else index.Upsert([document]);
            }
            index.Commit();
        }
        catch (LockObtainFailedException)
        {
            await File.WriteAllTextAsync(StaleMarker, DateTime.UtcNow.ToString("O"), cancellationToken);
            logger.LogWarning("The search index is held by the running site; it is marked stale and will be rebuilt when the site next starts");
        }
    }

    public async Task<int> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var index = services.GetRequiredService<SearchIndex>();
        var all = await LoadAllAsync(cancellationToken);
        var documents = all.Values.Select(item => DocumentOf(item, all)).OfType<SearchDocument>().ToList();
        index.Rebuild(documents, progress);
        File.Delete(StaleMarker);
        return documents.Count;
    }

    /// <summary>On start: rebuild when the index was missing or unreadable, marked stale, or does not hold what the database holds.</summary>
    public async Task EnsureCurrentAsync(CancellationToken cancellationToken = default)
    {
        var index = services.GetRequiredService<SearchIndex>();
        var expected = await db.ContentItems.CountAsync(x => SearchDocument.IndexedKinds.Contains(x.Kind) && x.Status == ContentStatus.Published, cancellationToken);
        var reason = index.NeedsRebuild ? "it was missing or unreadable"
            : File.Exists(StaleMarker) ? "it was marked stale by a command-line import"
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

    private async Task<Dictionary<(ContentKind, string), ContentItem>> LoadAllAsync(CancellationToken cancellationToken) =>
        (await db.ContentItems.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(i => (i.Kind, i.Slug));
}

/// <summary>Runs after the database start-up: the index must match the database before the first request.</summary>
internal sealed class SearchStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SearchIndexer>().EnsureCurrentAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class SearchRegistration
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp => new SearchIndex(
            Path.Combine(sp.GetRequiredService<PortalPaths>().DataDirectory, "search-index"),
            sp.GetRequiredService<ILogger<SearchIndex>>()));
        builder.Services.AddScoped<SearchIndexer>();
        builder.Services.AddHostedService<SearchStartup>();
        builder.AddSearchRateLimits();
        return builder;
    }
}
