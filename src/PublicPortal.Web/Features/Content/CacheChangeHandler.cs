using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Media;

namespace PublicPortal.Web.Features.Content;

/// <summary>Drops the in-memory lists a change can make wrong: old addresses (redirects) and the media library's descriptions.</summary>
internal sealed class CacheChangeHandler(IMemoryCache cache, MediaCatalog media) : IChangeHandler
{
    public const string RedirectsCacheKey = "slug-redirects";

    public string Name => "caches";

    public ValueTask<long> StartingMarkAsync(long head, CancellationToken cancellationToken) => ValueTask.FromResult(head);

    public Task ApplyAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        // Any item written may have left an address (a redirect is added) or taken one back (a redirect is dropped).
        if (changes.Any(c => c.Kind is not null)) cache.Remove(RedirectsCacheKey);
        // Imports store images, and image changes are records of their own: either way the library's list may be stale.
        media.Forget();
        return Task.CompletedTask;
    }
}
