using Microsoft.EntityFrameworkCore;

namespace PublicPortal.Web.Data.Sqlite;

/// <summary>The portal's model on SQLite, the embedded default: one file under the data directory.</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options)
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string databaseFile)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseSqlite($"Data Source={databaseFile}",
            // A list in a query (ids.Contains(x.Id)) as one JSON parameter, not one parameter per value: a national
            // import's 78,000 ids passed SQLite's limit of 32,766 variables and killed the import.
            sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(ReadOnlyConnectionRecovery.Instance);
    }
}
