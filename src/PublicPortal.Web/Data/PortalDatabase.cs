using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Data;

/// <summary>Starting the database (migrations, what older builds left), and the one place that speaks SQLite-specific SQL.</summary>
public static class PortalDatabase
{
    public static async Task MigrateAsync(PortalDbContext db, PortalPaths paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(paths);
        Directory.CreateDirectory(paths.DataDirectory);
        await AdoptSquashedHistoryAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers carry on while a write commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await AdoptKeyFilesAsync(db, paths, cancellationToken);
    }

    /// <summary>
    /// Builds before 2 December 2026 kept the data-protection keys as files in the data directory; they are taken into
    /// the database once, so the upgrade signs no one out and breaks no form left open.
    /// </summary>
    private static async Task AdoptKeyFilesAsync(PortalDbContext db, PortalPaths paths, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(paths.KeysDirectory) || await db.DataProtectionKeys.AnyAsync(cancellationToken)) return;
        foreach (var file in Directory.EnumerateFiles(paths.KeysDirectory, "key-*.xml").Order(StringComparer.Ordinal))
        {
            db.DataProtectionKeys.Add(new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file), Xml = await File.ReadAllTextAsync(file, cancellationToken),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The thirteen migrations made before the first release, squashed into one Initial on 2 December 2026. A database
    /// at the last of them has that Initial's schema (compared table by table, column by column, index by index), so its
    /// history is rewritten to say that Initial, and it goes on from there (<see cref="SquashedIntoInitial"/>).
    /// </summary>
    internal static readonly string[] SquashedMigrations =
    [
        "20261128173222_Initial", "20261128175400_Catalogue", "20261128180512_Enquiries", "20261128185718_Traffic",
        "20261128201353_Editorial", "20261128203035_Settings", "20261128204137_TrafficDetail", "20261128210452_MediaLibrary",
        "20261128232519_ProgrammeIndicators", "20261128235226_VillageStatusHistory", "20261201224108_EnquiryReference",
        "20261201224530_ProgrammeParts", "20261201232255_DatePrecision",
    ];

    /// <summary>
    /// Each engine's migrations up to the second squash (2 December 2026, when the engines got one Initial each), in
    /// order. A database that stopped at one of them runs the rest from the script EF Core made of them then
    /// (<c>Data/{engine}/Upgrades/after-{id}.sql</c>); then its history is rewritten to the current Initial.
    /// </summary>
    internal static SquashedGeneration SquashedIntoInitial(PortalDbContext db) => db.Database.IsNpgsql()
        ? new("PostgreSql", ["20261202164813_Initial", "20261202210423_Leases"])
        : new("Sqlite", ["20261202012706_Initial", "20261202014414_ChangeFeedAndViewCounts", "20261202164721_DataProtectionKeys", "20261202210357_Leases"]);

    /// <summary>One engine's squashed migrations and the folder of its upgrade scripts.</summary>
    internal sealed record SquashedGeneration(string Engine, IReadOnlyList<string> Migrations);

    private static async Task AdoptSquashedHistoryAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken)) return;
        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId).ToHashSet(StringComparer.Ordinal);
        var (engine, generation) = SquashedIntoInitial(db);
        var squashed = SquashedMigrations.Where(applied.Contains).ToList();
        if (squashed.Count > 0)
        {
            if (!applied.Contains(SquashedMigrations[^1]))
                throw new InvalidOperationException(
                    $"The database was made by a pre-release build and stops at migration {squashed[^1]}. Start that build once to bring it to " +
                    $"{SquashedMigrations[^1]}, or export its content with it (export <folder>) and import that into a new data folder.");
            await RewriteHistoryAsync(db, history, squashed, generation[0], cancellationToken);
            applied = [generation[0]];
        }
        var last = generation.LastOrDefault(applied.Contains);
        if (last is null) return;
        if (last != generation[^1])
        {
            // The script holds one transaction per migration, as EF Core runs them; a stop between two leaves the history
            // at the last one done, and the next start goes on from there.
            await using var stream = typeof(PortalDatabase).Assembly.GetManifestResourceStream($"Upgrades/{engine}/after-{last}.sql")
                ?? throw new InvalidOperationException($"The upgrade script after migration {last} is missing from this build");
            using var reader = new StreamReader(stream);
            await db.Database.ExecuteSqlRawAsync(await reader.ReadToEndAsync(cancellationToken), cancellationToken);
        }
        await RewriteHistoryAsync(db, history, generation, db.Database.GetMigrations().First(), cancellationToken);
    }

    private static async Task RewriteHistoryAsync(PortalDbContext db, IHistoryRepository history, IEnumerable<string> squashed, string initial, CancellationToken cancellationToken)
    {
        var script = string.Concat(squashed.Select(history.GetDeleteScript))
            + history.GetInsertScript(new HistoryRow(initial, ProductInfo.GetVersion()));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(script, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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
