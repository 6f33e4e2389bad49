namespace PublicPortal.Web.Features.Hosting;

/// <summary>
/// Counts this node's evictions. A page takes the count when its request starts (as a tag, <see cref="TagOf"/>); a
/// page whose count is no longer current when it is stored was read before an edit this node has since evicted for,
/// and is not kept (<see cref="EpochCheckedOutputCacheStore"/>): otherwise it would outlive the eviction it missed.
/// </summary>
public sealed class OutputCacheEpoch
{
    public const string TagPrefix = "epoch:";

    private long _current;

    public long Current => Interlocked.Read(ref _current);

    /// <summary>Called before evicting: every page begun before this call is refused by the store from now on.</summary>
    public void Advance() => Interlocked.Increment(ref _current);

    public static string TagOf(long epoch) => TagPrefix + epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The count a page's tags carry, or null for an entry stored without one.</summary>
    public static long? Of(ReadOnlySpan<string> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.StartsWith(TagPrefix, StringComparison.Ordinal)
                && long.TryParse(tag.AsSpan(TagPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var epoch))
                return epoch;
        }
        return null;
    }
}
