using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>Applies migrations, then imports content/ into an empty database, on one node at a time, before the server takes requests.</summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopes, PortalPaths paths, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Nodes starting at once: one migrates and, on an empty database, imports; the others wait and then find it done
        // (EF Core's own migration lock did not keep two nodes from running the same second migration).
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        // A database that does not exist yet (a new installation) is created first: the lock lives in it.
        if (!await db.Database.CanConnectAsync(cancellationToken)) await PortalDatabase.MigrateAsync(db, paths, cancellationToken);
        await using var scopeOfLock = scopes.CreateAsyncScope();
        await using var startupLock = await scopeOfLock.ServiceProvider.GetRequiredService<PortalDbContext>().HoldStartupLockAsync(cancellationToken);
        await PortalDatabase.MigrateAsync(db, paths, cancellationToken);
        if (await db.ContentItems.AnyAsync(cancellationToken))
        {
            // A database from before label codes: its products get theirs now, so their labels and /q/ addresses work.
            await scope.ServiceProvider.GetRequiredService<ContentWriter>().GiveProductCodesAsync(cancellationToken);
            return;
        }
        if (paths.ContentDirectory is null)
        {
            logger.LogWarning("The database is empty and no content folder was found; the site starts empty");
            return;
        }
        logger.LogInformation("Empty database: importing {Directory}", paths.ContentDirectory);
        await scope.ServiceProvider.GetRequiredService<ContentTransfer>().ImportAsync(paths.ContentDirectory, cancellationToken: cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
