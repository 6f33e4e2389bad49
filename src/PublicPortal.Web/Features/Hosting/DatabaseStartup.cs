using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>Applies migrations, then imports content/ into an empty database (on one node at a time), before the server takes requests.</summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopes, PortalPaths paths, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await PortalDatabase.MigrateAsync(db, paths, cancellationToken);
        // Nodes starting at once on an empty database: one imports, the others wait and then find it done.
        await using var scopeOfLock = scopes.CreateAsyncScope();
        await using var startupLock = await scopeOfLock.ServiceProvider.GetRequiredService<PortalDbContext>().HoldStartupLockAsync(cancellationToken);
        if (await db.ContentItems.AnyAsync(cancellationToken)) return;
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
