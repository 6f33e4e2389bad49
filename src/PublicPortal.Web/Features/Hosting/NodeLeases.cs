using Microsoft.EntityFrameworkCore;
using System.Data.Common;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>
/// Work that one node of several should do, with a row per piece of work naming the node that holds it and until when
/// (the way Orchard Core's and Quartz's clustered jobs do it on a shared database). A node that dies stops renewing, and
/// another takes the work when the lease runs out; one that stops in order hands it back at once. On SQLite one process
/// serves the file, so every lease is its own and nothing is written for it.
/// </summary>
public sealed class NodeLeases(
    IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<DatabaseOptions> database, ILogger<NodeLeases> logger) : IHostedService
{
    private readonly bool _alone = database.Value.Provider == DatabaseProvider.Sqlite;

    private readonly HashSet<string> _held = [];

    /// <summary>True when other nodes may compete for the work (a shared database): holders must renew before expiry.</summary>
    public bool Shared => !_alone;

    /// <summary>This process, as the lease rows name it: machine, process and a random part (a restarted process is another holder).</summary>
    public string Holder { get; } = $"{Truncate(Environment.MachineName, 30)}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..12]}";

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>
    /// Takes or renews <paramref name="name"/> for <paramref name="duration"/>: true when this node holds it now. One
    /// conditional UPDATE decides between nodes (the database serialises it), an INSERT the first time ever.
    /// </summary>
    public async Task<bool> TryTakeAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (_alone) return true;
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var taken = await db.Leases.Where(l => l.Name == name && (l.Holder == Holder || l.ExpiresAtUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, Holder).SetProperty(l => l.ExpiresAtUtc, until), cancellationToken) == 1;
        if (!taken && !await db.Leases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            db.Leases.Add(new Lease { Name = name, Holder = Holder, ExpiresAtUtc = until });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                taken = true;
            }
            catch (DbUpdateException)
            {
                // Another node inserted it first: it holds the lease.
            }
        }
        lock (_held)
        {
            if (taken && _held.Add(name)) logger.LogInformation("This node ({Holder}) now does {Work}", Holder, name);
            else if (!taken) _held.Remove(name);
        }
        return taken;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Hands back what this node holds, so another node takes it on its next try instead of at expiry.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_held)
        {
            if (_held.Count == 0) return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.Leases.Where(l => l.Holder == Holder).ExecuteDeleteAsync(cancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // The host's services are already gone (a test host disposed before stopping): the leases run out by themselves.
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or OperationCanceledException)
        {
            // Stopping goes on: the leases run out by themselves.
            logger.LogWarning(ex, "Could not hand back this node's leases; they run out by themselves");
        }
    }
}
