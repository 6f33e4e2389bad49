using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Web.Features.Content;

/// <summary>The write path's batch: an import's checked items in one transaction.</summary>
public sealed partial class ContentWriter
{
    /// <summary>What an import wrote: items added, updated and found identical (left alone: no version, revision or record).</summary>
    public sealed record BatchResult(int Added, int Updated, int Unchanged);

    /// <summary>
    /// Writes checked items (an import) in one transaction: <paramref name="prepare"/> runs first inside it (storing the
    /// images the items point at), then each new or changed item gets its revision, audit entry and change record, then
    /// <paramref name="finish"/> runs (copying files) before the commit. A live view count is never overwritten: a file's
    /// count only starts a new item's.
    /// </summary>
    public async Task<BatchResult> WriteBatchAsync(
        IReadOnlyList<ContentItem> items, string actor, string summary, Func<CancellationToken, Task>? prepare = null, Func<CancellationToken, Task>? finish = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (prepare is not null) await prepare(cancellationToken);
        var existing = await db.ContentItems.ToDictionaryAsync(x => (x.Kind, x.Slug), cancellationToken);
        // Label codes already given, so a product's kept code wins and a new one is never one another product has.
        var codes = existing.Values.Where(x => x.Product?.Code is not null).ToDictionary(x => x.Product!.Code!, x => x, StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var written = new List<(ContentItem Saved, ContentItem? Before, string Action, long? StartViews)>();
        var unchanged = 0;
        foreach (var item in items)
        {
            var startViews = item.FileViews;
            item.FileViews = null; // counted by the site from here on
            item.SearchText = SearchTextOf(item);
            existing.TryGetValue((item.Kind, item.Slug), out var known);
            if (item.Product is { } product)
            {
                // Kept when the product has one; else the file's when free; else a new one.
                if (known?.Product?.Code is { } kept) product.Code = kept;
                else if (product.Code is null || codes.TryGetValue(product.Code, out var holder) && !ReferenceEquals(holder, known))
                {
                    if (product.Code is { } taken) logger.LogWarning("Import: {Slug} brings label code {Code}, which another product has; it gets its own", item.Slug, taken);
                    var attempt = 0;
                    do product.Code = Catalogue.ProductCodes.For(item.Slug, attempt++);
                    while (codes.ContainsKey(product.Code));
                }
                codes[product.Code] = known ?? item;
            }
            if (known is { } current)
            {
                if (EditorFields.Snapshot(item) == EditorFields.Snapshot(current))
                {
                    unchanged++;
                    continue;
                }
                var before = Copy(current);
                item.Id = current.Id;
                item.Version = current.Version + 1;
                item.UpdatedAtUtc = now;
                db.Entry(current).CurrentValues.SetValues(item);
                CopyOwned(item, current);
                written.Add((current, before, AuditActions.Edit, null));
            }
            else
            {
                item.Version = 1;
                db.ContentItems.Add(item);
                written.Add((item, null, AuditActions.Create, startViews));
            }
        }
        await TakeBackAddressesAsync(written.Select(w => w.Saved).ToList(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (saved, _, _, views) in written)
        {
            if (views is > 0) db.ItemViewCounts.Add(new ItemViewCount { ContentItemId = saved.Id, Views = views.Value });
        }
        var numbers = await RevisionNumbersAsync(written.Select(w => w.Saved.Id).ToList(), cancellationToken);
        var graph = await relations.LoadAsync(cancellationToken);
        var changes = written.Select(w => Record(w.Saved, w.Before, actor, w.Action, summary, $"{summary}: {w.Saved.Title}", now, numbers, graph)).ToList();
        await db.SaveChangesAsync(cancellationToken);
        if (finish is not null) await finish(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ShownAsync(changes.LastOrDefault(), cancellationToken);
        var added = written.Count(w => w.Before is null);
        return new BatchResult(added, written.Count - added, unchanged);
    }

    /// <summary>
    /// Products written before label codes existed get theirs (on start, under the startup lock), as a batch of the
    /// write path: a revision each, and the change feed. Returns how many.
    /// </summary>
    public async Task<int> GiveProductCodesAsync(CancellationToken cancellationToken = default)
    {
        var missing = await db.ContentItems.AsNoTracking().Where(x => x.Kind == ContentKind.Product && x.Product != null && x.Product.Code == null).ToListAsync(cancellationToken);
        if (missing.Count == 0) return 0;
        await WriteBatchAsync(missing, ImportActor, "Cấp mã nhãn QR cho sản phẩm OCOP", cancellationToken: cancellationToken);
        logger.LogInformation("Gave {Count} products their label codes", missing.Count);
        return missing.Count;
    }
}
