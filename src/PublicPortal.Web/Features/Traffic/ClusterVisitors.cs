using StackExchange.Redis;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// Visitors across nodes, when ConnectionStrings:Redis is set. Each node counts in memory as on one node; once a second,
/// with its flush, one batched round trip (never one per page view) tells it which of its new visits another node had
/// already counted — a visitor whose requests go to two nodes is one visit — and how many visitors all nodes had in
/// the last five minutes. Only the visitor hashes (salted, never the IP) go to Redis, and expire with the visit.
/// </summary>
public sealed class ClusterVisitors(IConnectionMultiplexer redis, string prefix)
{
    private int _online = -1;

    /// <summary>How long a flush waits for Redis's replies before it counts as this node saw (a reply takes milliseconds).</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Visitors online on every node at the last flush; null before the first.</summary>
    public int? Online => Volatile.Read(ref _online) is >= 0 and var online ? online : null;

    /// <summary>
    /// <paramref name="started"/>: visits this node began since its last flush; <paramref name="active"/>: every visitor it
    /// saw since then. Returns the started visits that were another node's (or an earlier) visit still going on.
    /// </summary>
    public async Task<IReadOnlyList<UInt128>> ReconcileAsync(IReadOnlyCollection<UInt128> started, IReadOnlyCollection<UInt128> active, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(started);
        ArgumentNullException.ThrowIfNull(active);
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var startedSet = started.ToHashSet();
        // A visit is one until its visitor has been away for the visit gap: the key lives that long after the last view.
        var claims = startedSet.Select(id => (Id: id, Claimed: batch.StringSetAsync(VisitKey(id), 1, TrafficCounter.VisitGap, When.NotExists))).ToList();
        var refreshed = active.Where(id => !startedSet.Contains(id)).Select(id => batch.KeyExpireAsync(VisitKey(id), TrafficCounter.VisitGap)).ToList();
        var nowMs = now.ToUnixTimeMilliseconds();
        var seen = active.Concat(startedSet).Distinct().Select(id => new SortedSetEntry(Hex(id), nowMs)).ToArray();
        var added = seen.Length > 0 ? batch.SortedSetAddAsync(OnlineKey, seen) : Task.FromResult(0L);
        var trimmed = batch.SortedSetRemoveRangeByScoreAsync(OnlineKey, double.NegativeInfinity, nowMs - TrafficCounter.OnlineWindow.TotalMilliseconds, Exclude.Stop);
        var online = batch.SortedSetLengthAsync(OnlineKey);
        batch.Execute();
        // Bounded: a reply lost with its connection (a multiplexer disposed under the command) would otherwise hold the
        // once-a-second flush, and the site's stop, forever.
        await Task.WhenAll(claims.Select(c => (Task)c.Claimed).Concat(refreshed).Append(added).Append(trimmed).Append(online)).WaitAsync(ReplyTimeout);
        Volatile.Write(ref _online, (int)Math.Min(int.MaxValue, online.Result));
        return claims.Where(c => !c.Claimed.Result).Select(c => c.Id).ToList();
    }

    private RedisKey VisitKey(UInt128 id) => prefix + "visit:" + Hex(id);

    private static string Hex(UInt128 id) => id.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private RedisKey OnlineKey => prefix + "online";
}
