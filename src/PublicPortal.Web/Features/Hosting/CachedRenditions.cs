using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>
/// The bytes last sent for a copy in the output cache, per content encoding, with the figures written into them.
/// A copy's ETag names it (a new one each time a page is stored), so a rendition can never outlive its copy's content:
/// an evicted copy's renditions are simply never asked for again and age out. The next reader of a copy whose figures
/// have not moved gets the same compressed bytes, with no marker scan and no compression — what makes a cached page
/// as cheap to serve as a precompressed static file. Bounded in bytes like the cache itself.
/// </summary>
public sealed class CachedRenditions : IDisposable
{
    private readonly MemoryCache _renditions;

    public CachedRenditions(IOptions<OutputCacheSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _renditions = new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.Value.RenditionsMegabytes * 1024 * 1024 });
        MaxBodyBytes = (int)Math.Min(int.MaxValue, settings.Value.MaximumBodyMegabytes * 1024 * 1024);
    }

    /// <summary>
    /// The largest body a rendition is made of: what the output cache keeps at most. A national open-data file of a few
    /// megabytes is then compressed once, not for every reader.
    /// </summary>
    public int MaxBodyBytes { get; }

    /// <summary>One rendition: the figures it was made with, and its body as sent.</summary>
    public sealed record Rendition(byte[]?[] Figures, byte[] Body);

    /// <summary>The rendition of this copy in this encoding, if it was made with exactly these figures.</summary>
    public Rendition? Find(string etag, string encoding, byte[]?[] figures) =>
        _renditions.TryGetValue((etag, encoding), out Rendition? rendition) && Same(rendition!.Figures, figures) ? rendition : null;

    public void Keep(string etag, string encoding, Rendition rendition)
    {
        ArgumentNullException.ThrowIfNull(rendition);
        _renditions.Set((etag, encoding), rendition, new MemoryCacheEntryOptions
        {
            Size = rendition.Body.Length + 256,
            // No longer than the copy it was made from lives.
            AbsoluteExpirationRelativeToNow = PublicCacheAttribute.Lifetime,
        });
    }

    private static bool Same(byte[]?[] a, byte[]?[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            if (ReferenceEquals(a[i], b[i])) continue;
            if (a[i] is null || b[i] is null || !a[i].AsSpan().SequenceEqual(b[i])) return false;
        }
        return true;
    }

    public void Dispose() => _renditions.Dispose();
}
