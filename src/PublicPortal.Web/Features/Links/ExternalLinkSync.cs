using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Links;

/// <summary>
/// Keeps the list of external links in step with published content, from the change feed: the items written since the
/// last mark are read again (all items the first time), their links replace what was known of them, and addresses no
/// item uses any more are dropped. Run by the one node doing link checks, so the list is written once.
/// </summary>
public sealed class ExternalLinkSync(PortalDbContext db, TextChecks text, Hosting.SiteUrls urls, TimeProvider clock, ILogger<ExternalLinkSync> logger)
{
    private const int Batch = 200;

    /// <summary>Returns how many items were read again.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var head = await db.ChangeRecords.MaxAsync(c => (long?)c.Sequence, cancellationToken) ?? 0;
        var setting = await db.SiteSettings.SingleOrDefaultAsync(s => s.Key == SiteSetting.LinkCheckMark, cancellationToken);
        long? mark = long.TryParse(setting?.Value, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
        if (mark == head) return 0;
        var ids = mark is null
            ? await db.ContentItems.Select(x => x.Id).ToListAsync(cancellationToken)
            : await db.ChangeRecords.Where(c => c.Sequence > mark && c.Sequence <= head && c.ContentItemId != null).Select(c => c.ContentItemId!.Value).Distinct().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // Links are read from the items before the transaction: parsing Markdown must not hold the database's write lock.
        var found = new List<(int[] Batch, List<(int Item, string Url, string Text)> Uses)>();
        foreach (var batch in ids.Chunk(Batch))
        {
            var items = await db.ContentItems.AsNoTracking().Where(x => batch.Contains(x.Id)).ToListAsync(cancellationToken);
            found.Add((batch, items.Where(i => i.Status == ContentStatus.Published).SelectMany(UsesOf).DistinctBy(u => (u.Item, u.Url)).ToList()));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (batch, uses) in found)
        {
            await db.ExternalLinkUses.Where(u => batch.Contains(u.ContentItemId)).ExecuteDeleteAsync(cancellationToken);
            var addresses = uses.Select(u => u.Url).Distinct().ToList();
            var known = await db.ExternalLinks.Where(l => addresses.Contains(l.Url)).ToDictionaryAsync(l => l.Url, StringComparer.Ordinal, cancellationToken);
            foreach (var address in addresses.Where(a => !known.ContainsKey(a)))
                db.ExternalLinks.Add(known[address] = new ExternalLink { Url = address, Host = HostOf(new Uri(address)), State = LinkState.Unchecked, NextCheckAtUtc = now });
            await db.SaveChangesAsync(cancellationToken);
            db.ExternalLinkUses.AddRange(uses.Select(u => new ExternalLinkUse { ExternalLinkId = known[u.Url].Id, ContentItemId = u.Item, Text = u.Text }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        await db.ExternalLinks.Where(l => !db.ExternalLinkUses.Any(u => u.ExternalLinkId == l.Id)).ExecuteDeleteAsync(cancellationToken);
        var mine = await db.SiteSettings.SingleOrDefaultAsync(s => s.Key == SiteSetting.LinkCheckMark, cancellationToken);
        if (mine is null) db.SiteSettings.Add(new SiteSetting { Key = SiteSetting.LinkCheckMark, Value = Mark(head) });
        else mine.Value = Mark(head);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    /// <summary>One item's links; an item whose links cannot be read is logged and left out, never a reason to stop the others.</summary>
    private IEnumerable<(int Item, string Url, string Text)> UsesOf(ContentItem item)
    {
        try
        {
            return LinksOf(item).Select(l => (item.Id, l.Url, l.Text)).ToList();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogError(ex, "Link check: the links of {Kind} {Slug} (id {Id}) cannot be read", item.Kind, item.Slug, item.Id);
            return [];
        }
    }

    private static string HostOf(Uri uri) => uri.Authority.ToLowerInvariant();

    private static string Mark(long head) => head.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An item's links to other sites: in its text (both languages), its sources, and its plan figures' sources.</summary>
    public IEnumerable<(string Url, string Text)> LinksOf(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var found = text.LinksOf(item.Body).Concat(text.LinksOf(item.BodyEn))
            .Concat(item.Sources.Where(s => s.Url is not null).Select(s => (s.Title, Url: s.Url!)))
            .Concat(item.Targets.SelectMany(t => t.Values).Where(v => v.SourceUrl is not null).Select(v => (Text: v.Source, Url: v.SourceUrl!)));
        foreach (var (linkText, url) in found)
        {
            if (External(url) is not { } address) continue;
            var clipped = Web.PlainText.Line(linkText, ExternalLinkLimits.Text); // never half a character: PostgreSQL refuses one
            yield return (address, clipped.Length == 0 ? Web.PlainText.Line(address, ExternalLinkLimits.Text) : clipped);
        }
    }

    /// <summary>The address to check, or null for a link that is not to another site over http(s) (mailto:, this site, junk).</summary>
    private string? External(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0) return null;
        if (string.Equals(uri.GetLeftPart(UriPartial.Authority), urls.Origin, StringComparison.OrdinalIgnoreCase)) return null;
        // The fragment is the reader's browser's business: one address however many anchors point into it.
        var address = uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
        return address.Length <= ExternalLinkLimits.Url && HostOf(uri).Length <= ExternalLinkLimits.Host ? address : null;
    }
}
