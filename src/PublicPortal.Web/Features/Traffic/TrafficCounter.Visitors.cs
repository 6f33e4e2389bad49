using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// Who a visitor is: a salted hash kept only in memory, the day's salt (shared by every node through the database),
/// who is online, visitors forgotten after the visit gap, and the reconciliation of new visits across nodes.
/// </summary>
public sealed partial class TrafficCounter
{
    /// <summary>
    /// A 128-bit hash of the day's 32-byte random salt, the IP and the User-Agent, kept only in memory. XXH128 rather than
    /// SHA-256: SHA-256 through OpenSSL cost 0.75 µs a call, most of the counter's cost per request, and here it buys nothing —
    /// the hashes are never stored, and whoever could read them from memory could read the salt too and try every IPv4
    /// address with either function. Without the salt, neither reveals anything.
    /// </summary>
    private static UInt128 VisitorId(byte[] salt, System.Net.IPAddress? ip, string userAgent)
    {
        var length = salt.Length + 17 + Encoding.UTF8.GetMaxByteCount(userAgent.Length);
        var rented = length > 1024 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        try
        {
            var buffer = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
            salt.CopyTo(buffer);
            var used = salt.Length;
            if (ip is not null && ip.TryWriteBytes(buffer[used..], out var written)) used += written; // 4 or 16 bytes
            buffer[used++] = (byte)'|';
            used += Encoding.UTF8.GetBytes(userAgent, buffer[used..]);
            return System.IO.Hashing.XxHash128.HashToUInt128(buffer[..used]);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Distinct visitors with a page view in the last five minutes (on every node, as of the last flush, when there are several).</summary>
    public int Online
    {
        get
        {
            if (cluster?.Online is { } everywhere) return everywhere;
            var since = clock.GetUtcNow().UtcTicks - OnlineWindow.Ticks;
            return _visitors.Values.Count(v => Interlocked.Read(ref v.LastTicks) >= since);
        }
    }

    /// <summary>
    /// Several nodes: a visit begun here that another node had already counted (its visitor's requests went there too)
    /// is taken back before the counts are written, so the visitor is one visit. If Redis cannot be reached, the visits
    /// stay counted as this node saw them and the site goes on.
    /// </summary>
    private async Task ReconcileAcrossNodesAsync()
    {
        if (cluster is null) return;
        var now = clock.GetUtcNow();
        var started = new List<StartedVisit>();
        while (_started.TryDequeue(out var visit)) started.Add(visit);
        var since = _reconciledTicks;
        var active = _visitors.Where(kv => Interlocked.Read(ref kv.Value.LastTicks) >= since).Select(kv => kv.Key).ToList();
        // Also when nothing happened here: the figure of visitors online on every node must fall as they leave.
        try
        {
            var repeats = (await cluster.ReconcileAsync(started.Select(v => v.Visitor).ToList(), active, now)).ToHashSet();
            foreach (var visit in started.Where(v => repeats.Contains(v.Visitor)))
            {
                Interlocked.Decrement(ref Counts(visit.Day).Visits);
                if (visit.Referrer is not null) Interlocked.Decrement(ref _referrers.GetOrAdd((visit.Day, visit.Referrer), static _ => new StrongBox<long>()).Value);
            }
            _reconciledTicks = now.UtcTicks;
        }
        catch (Exception ex)
        {
            // Also a cancellation: no token is passed here, so it is Redis's own (its connection closed under the
            // command, as when the host is disposed while it stops) and must not stop the counts from being written.
            logger.LogWarning(ex, "Reconciling {Visits} new visits with the other nodes (Redis) failed; they count as this node saw them", started.Count);
        }
    }

    private void ForgetIdleVisitors()
    {
        var before = clock.GetUtcNow().UtcTicks - VisitGap.Ticks;
        foreach (var (key, state) in _visitors)
        {
            // 0: created by a request that has not stamped it yet — removing it would make that visitor's next view a second visit.
            var last = Interlocked.Read(ref state.LastTicks);
            if (last == 0 || last >= before || !_visitors.TryRemove(new KeyValuePair<UInt128, VisitorState>(key, state))) continue;
            // A request may have stamped it between the check and the removal: keep it.
            if (Interlocked.Read(ref state.LastTicks) >= before) _visitors.TryAdd(key, state);
        }
    }

    /// <summary>The day's salt, from the database so a restart keeps recognising today's visitors; salts over 48 hours old are deleted.</summary>
    private async ValueTask<byte[]> SaltAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (_salts.TryGetValue(day, out var cached)) return cached;
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            if (_salts.TryGetValue(day, out cached)) return cached;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var stored = await db.VisitorSalts.AsNoTracking().FirstOrDefaultAsync(x => x.Day == day, cancellationToken);
            if (stored is null)
            {
                stored = new VisitorSalt { Day = day, Salt = RandomNumberGenerator.GetBytes(32) };
                db.VisitorSalts.Add(stored);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Another node stored the day's salt first: every node must use that one, or one visitor is two.
                    db.ChangeTracker.Clear();
                    stored = await db.VisitorSalts.AsNoTracking().FirstAsync(x => x.Day == day, cancellationToken);
                }
            }
            var oldest = day.AddDays(-1); // today and yesterday: no salt lives beyond 48 hours
            await db.VisitorSalts.Where(x => x.Day < oldest).ExecuteDeleteAsync(cancellationToken);
            foreach (var old in _salts.Keys.Where(d => d < oldest)) _salts.TryRemove(old, out _);
            _salts[day] = stored.Salt;
            return stored.Salt;
        }
        finally
        {
            _flushing.Release();
        }
    }
}
