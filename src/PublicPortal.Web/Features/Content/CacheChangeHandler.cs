using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Media;

namespace PublicPortal.Web.Features.Content;

/// <summary>Drops the in-memory lists a change can make wrong: old addresses (redirects), the media library's descriptions, the items pages read.</summary>
internal sealed class CacheChangeHandler(IMemoryCache cache, MediaCatalog media, PublishedItems items) : IChangeHandler
{
    public const string RedirectsCacheKey = "slug-redirects";

    public string Name => "caches";

    /// <summary>After search and the catalogue: a memo made while they apply would keep their old state.</summary>
    public int Stage => 1;

    public Task ApplyAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        // Any item written may have left an address (a redirect is added) or taken one back (a redirect is dropped).
        if (changes.Any(c => c.Kind is not null)) cache.Remove(RedirectsCacheKey);
        // Imports store images, and image changes are records of their own: either way the library's list may be stale.
        media.Forget();
        items.Invalidate();
        return Task.CompletedTask;
    }
}
