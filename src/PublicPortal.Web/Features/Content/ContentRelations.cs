using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// Which items point at which: a village at its place and crafts, a product at its village, a route at its stops, a plan
/// at its document. A write touches the items on both ends — the pages that show the changed item's name or list it.
/// </summary>
public sealed class ContentRelations(PortalDbContext db)
{
    private static readonly ContentKind[] Pointing = [ContentKind.Village, ContentKind.Product, ContentKind.Sight, ContentKind.Route, ContentKind.Plan, ContentKind.Event];

    /// <summary>
    /// The references of every item that has any, and every item's address, read in one query of the small columns (no
    /// bodies) — inside the writer's transaction, so items it just wrote are in it.
    /// </summary>
    public async Task<Graph> LoadAsync(CancellationToken cancellationToken = default)
    {
        var addresses = await db.ContentItems.AsNoTracking().Select(x => new { x.Id, x.Kind, x.Slug }).ToListAsync(cancellationToken);
        var pointing = await db.ContentItems.AsNoTracking().Where(x => Pointing.Contains(x.Kind))
            .Select(x => new { x.Id, x.Kind, x.Slug, x.ParentSlug, x.DocumentSlug, x.Village, x.Product, x.Sight, x.Route, x.Event })
            .ToListAsync(cancellationToken);
        var ids = addresses.ToDictionary(a => (a.Kind, a.Slug), a => a.Id);
        var references = pointing.ToDictionary(p => p.Id, p =>
        {
            var item = new ContentItem
            {
                Kind = p.Kind, Slug = p.Slug, Title = "", ParentSlug = p.ParentSlug, DocumentSlug = p.DocumentSlug,
                Village = p.Village, Product = p.Product, Sight = p.Sight, Route = p.Route, Event = p.Event,
            };
            return ReferencesOf(item).Select(r => (r.Kind, r.Slug)).Concat(SoftReferencesOf(item)).ToList();
        });
        return new Graph(ids, references);
    }

    /// <summary>For each image hash, the items whose text, cover or photos use it (its hash is in every address of it): one read for all.</summary>
    public async Task<Dictionary<string, List<ContentItem>>> ImageUsesAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var items = await db.ContentItems.AsNoTracking()
            .Where(x => x.Body.Contains("anh/") || x.CoverImage != null || x.Photos.Count > 0)
            .ToListAsync(cancellationToken);
        return hashes.Distinct().ToDictionary(hash => hash, hash => items.Where(x =>
            x.Body.Contains(hash, StringComparison.Ordinal)
            || (x.CoverImage?.Contains(hash, StringComparison.Ordinal) ?? false)
            || x.Photos.Any(p => p.Path.Contains(hash, StringComparison.Ordinal))).ToList());
    }

    /// <summary>Every slug an item points at, with the front-matter key that holds it (for import messages).</summary>
    public static IEnumerable<(ContentKind Kind, string Slug, string Key)> ReferencesOf(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Village is { } v)
        {
            yield return (ContentKind.Locality, v.Locality, "village.locality");
            foreach (var craft in v.Crafts) yield return (ContentKind.Craft, craft, "village.crafts");
        }
        if (item.Product is { } p)
        {
            yield return (ContentKind.Locality, p.Locality, "product.locality");
            if (p.Village is not null) yield return (ContentKind.Village, p.Village, "product.village");
        }
        if (item.Sight?.Locality is { } sightLocality) yield return (ContentKind.Locality, sightLocality, "sight.locality");
        foreach (var stop in item.Route?.Stops ?? [])
            yield return (stop.Kind == "village" ? ContentKind.Village : ContentKind.Sight, stop.Slug, "route stop");
        if (item.Event?.Village is { } eventVillage) yield return (ContentKind.Village, eventVillage, "event.village");
        if (item.Event?.Sight is { } eventSight) yield return (ContentKind.Sight, eventSight, "event.sight");
    }

    /// <summary>Links between plans and documents: not checked on import (a plan may name a document not yet published), but touched.</summary>
    private static IEnumerable<(ContentKind Kind, string Slug)> SoftReferencesOf(ContentItem item)
    {
        if (item.Kind == ContentKind.Plan && item.DocumentSlug is { } document) yield return (ContentKind.Document, document);
        if (item.Kind == ContentKind.Plan && item.ParentSlug is { } parent) yield return (ContentKind.Plan, parent);
    }

    public sealed class Graph(Dictionary<(ContentKind, string), int> ids, Dictionary<int, List<(ContentKind Kind, string Slug)>> references)
    {
        // Who points at each address, built once per graph: scanning every item's references for each written item made
        // an import quadratic (a national import of 78,000 items spent its time here, not writing).
        private Dictionary<(ContentKind, string), List<int>>? _users;

        private Dictionary<(ContentKind, string), List<int>> Users()
        {
            if (_users is not null) return _users;
            var users = new Dictionary<(ContentKind, string), List<int>>();
            foreach (var (id, refs) in references)
            {
                foreach (var address in refs.Distinct())
                {
                    if (!users.TryGetValue(address, out var list)) users[address] = list = [];
                    list.Add(id);
                }
            }
            return _users = users;
        }

        /// <summary>Items pointing at this one (by its current address).</summary>
        public IReadOnlyList<int> UsersOf(ContentItem item)
        {
            ArgumentNullException.ThrowIfNull(item);
            return Users().TryGetValue((item.Kind, item.Slug), out var users) ? users.Where(id => id != item.Id).Order().ToList() : [];
        }

        /// <summary>
        /// The other items a write of <paramref name="saved"/> changes the pages of: what it points at now and pointed at
        /// before (a product moved from one village to another changes both), and what points at it, by its new or old address.
        /// </summary>
        public IReadOnlySet<int> Touched(ContentItem saved, ContentItem? before)
        {
            ArgumentNullException.ThrowIfNull(saved);
            var addresses = new HashSet<(ContentKind, string)> { (saved.Kind, saved.Slug) };
            if (before is not null) addresses.Add((before.Kind, before.Slug));
            var touched = new HashSet<int>();
            foreach (var version in new[] { saved, before }.OfType<ContentItem>())
            {
                foreach (var (kind, slug) in ReferencesOf(version).Select(r => (r.Kind, r.Slug)).Concat(SoftReferencesOf(version)))
                    if (ids.TryGetValue((kind, slug), out var id)) touched.Add(id);
            }
            foreach (var address in addresses)
                if (Users().TryGetValue(address, out var users)) touched.UnionWith(users);
            touched.Remove(saved.Id);
            return touched;
        }
    }
}
