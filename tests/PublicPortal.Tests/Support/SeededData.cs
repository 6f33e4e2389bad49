using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Web.Features.Search;

namespace PublicPortal.Tests.Support;

/// <summary>
/// One data directory per test run, made the way an operator's first start makes it: the real site started once on an
/// empty folder migrates the database, imports the repository's content/ and builds the search index, then stops cleanly.
/// Each seeded test site starts on a copy of it instead of importing the seed files and indexing them again.
/// It is built from the current content/ and code on first use and deleted when the test process ends; nothing is
/// checked in or kept between runs.
/// </summary>
public static class SeededData
{
    private static readonly Lazy<Task<string>> Built = new(() => Task.Run(BuildAsync), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The finished seed (built on first use; every caller waits for the same build).</summary>
    public static Task<string> DirectoryAsync() => Built.Value;

    /// <summary>Copies the seed into <paramref name="target"/> (an empty folder), waiting for the seed to be built first.</summary>
    public static void CopyInto(string target)
    {
        // Factories are set up synchronously (DataDirectory is a property, WebApplicationFactory starts its host
        // synchronously); the build runs on the thread pool, so waiting here does not wait on the caller's context.
        var seed = DirectoryAsync().GetAwaiter().GetResult();
        CopyDirectory(seed, target);
    }

    private static async Task<string> BuildAsync()
    {
        var building = Path.Combine(Path.GetTempPath(), $"portal-seed-{Environment.ProcessId}-{Guid.NewGuid():N}.building");
        Directory.CreateDirectory(building);
        try
        {
            int items;
            int indexed;
            await using (var site = new PortalFactory { Seeded = false, ExistingDataDirectory = building, KeepDataOnDispose = true })
            {
                // Starting the host runs the first-start work before it returns: migrations, the import of content/
                // into the empty database, and the search index rebuilt to match it.
                using var client = site.CreateReader();
                using (var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
                {
                    if (!health.IsSuccessStatusCode) throw new InvalidOperationException($"the seed site answered /healthz with {(int)health.StatusCode}");
                }
                items = 0;
                await site.WithDbAsync(async db => items = await db.ContentItems.CountAsync());
                indexed = site.Services.GetRequiredService<SearchIndex>().DocumentCount;
            }
            if (items == 0 || indexed == 0) throw new InvalidOperationException($"the seed holds {items} items and its index {indexed}; the first-start import did not run");

            // The site has stopped (the index writer committed and closed). Close the pooled connections to this file,
            // then checkpoint the WAL into portal.db: the copies then need portal.db alone and start from a clean file.
            var database = Path.Combine(building, "portal.db");
            using (var pooled = new SqliteConnection($"Data Source={database}")) SqliteConnection.ClearPool(pooled); // the site's own connection string (PortalApp)
            CheckpointDatabase(database);
            if (File.Exists(database + "-wal"))
            {
                SqliteConnection.ClearAllPools(); // a pool under another key still holds the file
                CheckpointDatabase(database);
            }
            foreach (var left in Directory.EnumerateFiles(building, "portal.db-*"))
            {
                throw new InvalidOperationException($"the seed database was not checkpointed: {Path.GetFileName(left)} is left beside it");
            }

            var finished = building[..^".building".Length];
            Directory.Move(building, finished);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => RepositoryPaths.DeleteQuietly(finished);
            return finished;
        }
        catch
        {
            RepositoryPaths.DeleteQuietly(building);
            throw;
        }
    }

    private static void CheckpointDatabase(string file)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
        // Closing the last connection removes -wal and -shm; one still there means a connection is open somewhere.
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: false);
        }
    }
}
