using Microsoft.AspNetCore.OutputCaching;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>Evicts, for each change, the cached pages tagged with what it changed or touched (<see cref="OutputCacheTags.Of"/>).</summary>
internal sealed class OutputCacheChangeHandler(IOutputCacheStore store, OutputCacheEpoch epoch) : IChangeHandler
{
    public string Name => "output-cache";

    /// <summary>Last: a page rendered while another handler applies would be kept with that handler's old state.</summary>
    public int Stage => 2;

    public async Task ApplyAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken)
    {
        // First: a page being rendered now read the state before this change, and must not be stored after its eviction.
        epoch.Advance();
        foreach (var tag in changes.SelectMany(OutputCacheTags.Of).Distinct(StringComparer.Ordinal))
            await store.EvictByTagAsync(tag, cancellationToken);
    }
}
