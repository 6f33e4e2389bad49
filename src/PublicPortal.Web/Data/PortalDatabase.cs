using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Data;

/// <summary>The one place that speaks SQLite-specific SQL; everything else stays provider-neutral.</summary>
public static class PortalDatabase
{
    public static async Task MigrateAsync(PortalDbContext db, PortalPaths paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(paths);
        Directory.CreateDirectory(paths.DataDirectory);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers carry on while a write commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>A consistent copy of the live database, taken without stopping the site.</summary>
    public static async Task BackupAsync(PortalDbContext db, string file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite()) throw new NotSupportedException("backup is implemented for SQLite; use the database server's own tools");
        var full = Path.GetFullPath(file);
        if (File.Exists(full)) throw new IOException($"{full} already exists; choose a new file name");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {full}", cancellationToken);
    }
}
