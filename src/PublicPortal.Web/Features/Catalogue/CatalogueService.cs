using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Catalogue;

public sealed class CatalogueService(PortalDbContext db, TimeProvider clock)
{
    private static readonly ContentKind[] Kinds =
        [ContentKind.Locality, ContentKind.Craft, ContentKind.Village, ContentKind.Product, ContentKind.Sight, ContentKind.Route];

    public async Task<CatalogueSnapshot> LoadAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var items = await db.ContentItems.AsNoTracking()
            .Where(x => Kinds.Contains(x.Kind) && x.Status == ContentStatus.Published && x.PublishedAtUtc <= now.UtcDateTime)
            .ToListAsync(cancellationToken);
        return new CatalogueSnapshot(items, DateOnly.FromDateTime(VietnamTime.ToOffset(now.UtcDateTime).DateTime));
    }
}
