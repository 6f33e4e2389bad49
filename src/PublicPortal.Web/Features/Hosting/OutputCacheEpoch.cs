namespace PublicPortal.Web.Features.Hosting;

/// <summary>
/// Counts this node's evictions. A page takes the count when its request starts (as a tag, <see cref="TagOf"/>); a
/// page whose count is no longer current when it is stored was read before an edit this node has since evicted for,
/// and is not kept (<see cref="EpochCheckedOutputCacheStore"/>): otherwise it would outlive the eviction it missed.
/// </summary>
public sealed class OutputCacheEpoch
{
    private const string TagPrefix = "epoch:";

    // Nodes share the Redis store and each counts from 0: the tag names this process too, so a race on one node
    // evicts only what that node stored in that count.
    private readonly string _prefix = TagPrefix + Guid.NewGuid().ToString("N")[..12] + ":";
    private long _current;

    public long Current => Interlocked.Read(ref _current);

    /// <summary>Called before evicting: every page begun before this call is refused by the store from now on.</summary>
    public void Advance() => Interlocked.Increment(ref _current);

    public string TagOf(long epoch) => _prefix + epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The count a page's tags carry from this process, or null for an entry stored without one.</summary>
    public long? Of(ReadOnlySpan<string> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.StartsWith(_prefix, StringComparison.Ordinal)
                && long.TryParse(tag.AsSpan(_prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var epoch))
                return epoch;
        }
        return null;
    }
}
