using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>
/// The output-cache store (in memory, or Redis for several nodes) with one rule added: a page read before this node's
/// last eviction is not stored. The output cache stores a page after its body is written, so a page whose data was read
/// just before an edit and whose body ends just after the edit's eviction would otherwise be kept, stale, for the
/// entry's whole lifetime. Checked before storing and again after (an eviction between the two removes it by its tag).
/// </summary>
public sealed class EpochCheckedOutputCacheStore(IOutputCacheStore inner, OutputCacheEpoch epoch) : IOutputCacheBufferStore, IDisposable
{
    /// <summary>The container disposes this, not the store it wraps.</summary>
    public void Dispose() => (inner as IDisposable)?.Dispose();

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var read = epoch.Of(tags);
        if (read is { } before && before != epoch.Current) return;
        await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        await EvictIfStaleAsync(read, cancellationToken);
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (inner is IOutputCacheBufferStore buffers) return await buffers.TryGetAsync(key, destination, cancellationToken);
        if (await inner.GetAsync(key, cancellationToken) is not { } bytes) return false;
        await destination.WriteAsync(bytes, cancellationToken);
        return true;
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var read = epoch.Of(tags.Span);
        if (read is { } before && before != epoch.Current) return;
        if (inner is IOutputCacheBufferStore buffers) await buffers.SetAsync(key, value, tags, validFor, cancellationToken);
        else await inner.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);
        await EvictIfStaleAsync(read, cancellationToken);
    }

    private async ValueTask EvictIfStaleAsync(long? read, CancellationToken cancellationToken)
    {
        if (read is { } before && before != epoch.Current) await inner.EvictByTagAsync(epoch.TagOf(before), cancellationToken);
    }

    /// <summary>Wraps whichever store is registered (the framework's in-memory one, or Redis's).</summary>
    public static void Decorate(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<OutputCacheEpoch>();
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.RemoveAll<IOutputCacheStore>();
        services.AddSingleton<IOutputCacheStore>(sp => new EpochCheckedOutputCacheStore(
            (IOutputCacheStore)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!)),
            sp.GetRequiredService<OutputCacheEpoch>()));
    }
}
