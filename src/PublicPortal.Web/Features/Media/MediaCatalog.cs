using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Media;

/// <summary>Every library image by hash, read once and cached until the library changes (pages and the image endpoint ask on every request).</summary>
public sealed class MediaCatalog(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private const string CacheKey = "media-catalog";

    public IReadOnlyDictionary<string, MediaInfo> All() =>
        cache.GetOrCreate(CacheKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            return (IReadOnlyDictionary<string, MediaInfo>)db.MediaAssets.AsNoTracking()
                .Select(a => new MediaInfo(a.Hash, a.Format, a.Width, a.Height, a.Alt, a.Decorative, a.Caption))
                .ToDictionary(a => a.Hash, StringComparer.Ordinal);
        })!;

    public MediaInfo? Find(string? reference) => MediaRefs.HashOf(reference) is { } hash && All().TryGetValue(hash, out var info) ? info : null;

    public void Forget() => cache.Remove(CacheKey);
}
