using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// When an item should be checked again: its own review-by date, or its kind's default — a year after its last change
/// for what goes out of date (villages, products, sights, routes, pages, plans), and an OCOP product at its certificate's
/// expiry. News, announcements, documents, localities and crafts record a moment and have no default.
/// </summary>
public static class StaleContent
{
    private static readonly ContentKind[] Yearly = [ContentKind.Village, ContentKind.Product, ContentKind.Sight, ContentKind.Route, ContentKind.Page, ContentKind.Plan];

    public static DateOnly? DueOn(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.ReviewBy is { } set) return set;
        if (item.Product?.CertificateExpiry is { } expiry) return expiry;
        if (!Yearly.Contains(item.Kind)) return null;
        return DateOnly.FromDateTime(VietnamTime.ToOffset(item.UpdatedAtUtc ?? item.PublishedAtUtc).DateTime).AddYears(1);
    }

    /// <summary>Items whose review day has passed, the longest overdue first (small columns only; products' details for the expiry).</summary>
    public static async Task<List<(ContentItem Item, DateOnly Due)>> OverdueAsync(PortalDbContext db, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var candidates = await db.ContentItems.AsNoTracking()
            .Where(x => x.ReviewBy != null || Yearly.Contains(x.Kind))
            .Select(x => new ContentItem
            {
                Id = x.Id, Kind = x.Kind, Slug = x.Slug, Title = x.Title, Status = x.Status, PublishedAtUtc = x.PublishedAtUtc,
                UpdatedAtUtc = x.UpdatedAtUtc, ReviewBy = x.ReviewBy, Review = x.Review, UnpublishAtUtc = x.UnpublishAtUtc, Version = x.Version,
                Product = x.Product,
            })
            .ToListAsync(cancellationToken);
        return candidates.Select(item => (Item: item, Due: DueOn(item)))
            .Where(x => x.Due is { } due && due < today)
            .Select(x => (x.Item, x.Due!.Value))
            .OrderBy(x => x.Item2).ToList();
    }

    /// <summary>How far ahead an OCOP certificate's expiry is brought to the editors (dashboard, digest).</summary>
    public const int ExpiryDays = 90;

    /// <summary>A product whose OCOP certificate expires soon.</summary>
    public sealed record ExpiringCertificate(int Id, string Title, DateOnly Until);

    /// <summary>OCOP certificates expiring from today to <see cref="ExpiryDays"/> days on, soonest first.</summary>
    public static async Task<List<ExpiringCertificate>> ExpiringCertificatesAsync(PortalDbContext db, DateOnly today, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.ContentItems.AsNoTracking().Where(x => x.Kind == ContentKind.Product).Select(x => new { x.Id, x.Title, x.Product }).ToListAsync(cancellationToken))
            .Where(p => p.Product?.CertificateExpiry is { } until && until >= today && until <= today.AddDays(ExpiryDays))
            .Select(p => new ExpiringCertificate(p.Id, p.Title, p.Product!.CertificateExpiry!.Value))
            .OrderBy(p => p.Until).ToList();
    }
}
