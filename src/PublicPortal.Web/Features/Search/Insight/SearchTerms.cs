using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// The editors' synonyms and pinned results as this process holds them: read from the database on start and again
/// whenever the change feed says they changed (or a pinned item did), so every node follows the same write.
/// </summary>
public sealed class SearchTerms(SearchIndex index)
{
    private sealed record Snapshot(IReadOnlyDictionary<string, IReadOnlyList<string>> Pins, IReadOnlySet<int> PinnedItems);

    private volatile Snapshot? _current;

    /// <summary>True once the terms were read; until then search runs without them.</summary>
    public bool Loaded => _current is not null;

    /// <summary>The key a query is counted and pinned under: its words folded, lower case, single-spaced ("Gốm  Bàu Trúc" → "gom bau truc").</summary>
    public static string KeyOf(string? query) =>
        VietnameseText.SingleSpaced(VietnameseText.Fold(SearchIndex.Normalize(query)));

    /// <summary>The index ids ("Village:lang-gom") pinned for a query, in the editors' order.</summary>
    public IReadOnlyList<string> PinnedFor(string query) =>
        _current is { } current && current.Pins.TryGetValue(KeyOf(query), out var ids) ? ids : [];

    public bool IsPinned(int contentItemId) => _current?.PinnedItems.Contains(contentItemId) == true;

    /// <summary>A pin with the item it puts first (its kind, address and title as they are now).</summary>
    public sealed record PinnedItem(int Id, string Query, string Text, int ContentItemId, ContentKind Kind, string Slug, string Title);

    /// <summary>Every pin with its item, in the order they were made.</summary>
    public static async Task<List<PinnedItem>> PinsAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pins = await db.SearchPins.AsNoTracking()
            .Join(db.ContentItems, p => p.ContentItemId, i => i.Id, (p, i) => new PinnedItem(p.Id, p.Query, p.Text, p.ContentItemId, i.Kind, i.Slug, i.Title))
            .ToListAsync(cancellationToken);
        // Sorted here: a member of a constructed record cannot be ordered by in SQL (at most 500 pins).
        return [.. pins.OrderBy(p => p.Id)];
    }

    public async Task LoadAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var groups = await db.SearchSynonyms.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Terms).ToListAsync(cancellationToken);
        var pins = await PinsAsync(db, cancellationToken);
        index.Synonyms = new SynonymSet(groups.Select(SynonymPhrases.Split));
        _current = new Snapshot(
            pins.GroupBy(p => p.Query, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => SearchDocument.IdOf(p.Kind, p.Slug)).ToList(), StringComparer.Ordinal),
            pins.Select(p => p.ContentItemId).ToHashSet());
    }
}
