using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Links;

/// <summary>What the link checker found, for the report, the dashboard and the editor.</summary>
public static class ExternalLinkReport
{
    public sealed record Use(int ItemId, string Title, string Text);

    public sealed record Row(ExternalLink Link, IReadOnlyList<Use> Uses);

    /// <summary>Links needing a person: broken first (oldest first), then failing, then those refusing checks.</summary>
    public static async Task<List<Row>> ProblemsAsync(PortalDbContext db, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var links = await db.ExternalLinks.AsNoTracking()
            .Where(l => l.State == LinkState.Broken || l.State == LinkState.Failing || l.State == LinkState.Blocked)
            .OrderBy(l => l.State == LinkState.Broken ? 0 : l.State == LinkState.Failing ? 1 : 2).ThenBy(l => l.BrokenSinceUtc).ThenBy(l => l.Url)
            .Take(take).ToListAsync(cancellationToken);
        var ids = links.Select(l => l.Id).ToList();
        var uses = await db.ExternalLinkUses.AsNoTracking().Where(u => ids.Contains(u.ExternalLinkId))
            .Join(db.ContentItems, u => u.ContentItemId, i => i.Id, (u, i) => new { u.ExternalLinkId, ItemId = i.Id, i.Title, u.Text })
            .ToListAsync(cancellationToken);
        var byLink = uses.GroupBy(u => u.ExternalLinkId).ToDictionary(g => g.Key, g => (IReadOnlyList<Use>)g.Select(u => new Use(u.ItemId, u.Title, u.Text)).OrderBy(u => u.Title, StringComparer.Ordinal).ToList());
        return links.Select(l => new Row(l, byLink.GetValueOrDefault(l.Id, []))).ToList();
    }

    public static async Task<Dictionary<LinkState, int>> CountsAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ExternalLinks.GroupBy(l => l.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }

    /// <summary>Broken links in published content (unused ones are dropped by the sync): the dashboard's and the digest's count.</summary>
    public static Task<int> BrokenCountAsync(PortalDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ExternalLinks.CountAsync(l => l.State == LinkState.Broken, cancellationToken);
    }

    /// <summary>An item's broken links, as "“text” (address): problem".</summary>
    public static async Task<List<string>> BrokenInAsync(PortalDbContext db, int itemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.ExternalLinkUses.AsNoTracking().Where(u => u.ContentItemId == itemId)
                .Join(db.ExternalLinks.Where(l => l.State == LinkState.Broken), u => u.ExternalLinkId, l => l.Id, (u, l) => new { u.Text, l.Url, l.Problem })
                .OrderBy(x => x.Url).ToListAsync(cancellationToken))
            .Select(x => $"“{x.Text}” ({x.Url}): {x.Problem}").ToList();
    }
}
