using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Data.PostgreSql;
using PublicPortal.Web.Data.Sqlite;

namespace PublicPortal.Tests.Data;

/// <summary>The migrations describe the model: a changed entity without its migration would fail the next start.</summary>
public sealed class MigrationsTests
{
    /// <summary>Each engine's model: SQLite's and PostgreSQL's migrations are kept in step by this test.</summary>
    private static PortalDbContext Model(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => new PostgreSqlPortalDbContext(new DbContextOptionsBuilder<PostgreSqlPortalDbContext>().UseNpgsql("Host=localhost;Database=unused").Options),
        _ => new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options),
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void The_model_has_no_changes_without_a_migration(DatabaseProvider provider)
    {
        using var db = Model(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"dotnet ef migrations add <Name> --context {db.GetType().Name} --output-dir Data/{provider}/Migrations is missing for a model change");
    }

    [Fact]
    public void The_postgresql_migrations_are_one_initial_migration()
    {
        using var db = Model(DatabaseProvider.PostgreSql);
        Assert.EndsWith("_Initial", Assert.Single(db.Database.GetMigrations()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pre_release_migrations_are_one_initial_migration()
    {
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var db = new SqlitePortalDbContext(options);
        var migrations = db.Database.GetMigrations().ToList();
        Assert.EndsWith("_Initial", migrations[0], StringComparison.Ordinal);
        Assert.DoesNotContain(migrations, m => PortalDatabase.SquashedMigrations.Contains(m));
    }

    [Fact]
    public async Task A_database_made_before_the_squash_starts_with_its_content_and_history_rewritten()
    {
        string data;
        string newsPage;
        await using (var first = new PortalFactory { KeepDataOnDispose = true })
        {
            newsPage = await first.CreateReader().GetStringAsync("/tin-tuc");
            data = first.DataDirectory;
        }
        // What the database of a build from before the squash holds: Initial's schema (the later migrations taken back),
        // the thirteen old migration ids, and view counts in the item rows.
        await MigrateDownToInitialAsync(data);
        await RewriteHistoryAsync(data, PortalDatabase.SquashedMigrations);
        await ExecuteAsync(data, "UPDATE ContentItems SET ViewCount = 77 WHERE Slug = 'gom-binh-duc'");

        await using var again = new PortalFactory { ExistingDataDirectory = data };
        var response = await again.CreateReader().GetAsync("/tin-tuc");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Titles(newsPage), Titles(await response.Content.ReadAsStringAsync()));
        var history = await HistoryAsync(data);
        using var model = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.Equal(model.Database.GetMigrations().ToList(), history);
        // The counts moved to their own table on the way.
        await again.WithDbAsync(async db => Assert.Equal(77, await db.ContentItems.Where(x => x.Slug == "gom-binh-duc")
            .Join(db.ItemViewCounts, i => i.Id, v => v.ContentItemId, (_, v) => v.Views).SingleAsync()));
    }

    [Fact]
    public async Task A_pre_release_database_stopped_half_way_is_refused_with_what_to_do_and_left_as_it_was()
    {
        string data;
        await using (var first = new PortalFactory { KeepDataOnDispose = true })
        {
            await first.CreateReader().GetStringAsync("/");
            data = first.DataDirectory;
        }
        var halfWay = PortalDatabase.SquashedMigrations[..5];
        await MigrateDownToInitialAsync(data);
        await RewriteHistoryAsync(data, halfWay);

        await using var again = new PortalFactory { ExistingDataDirectory = data };
        var error = Assert.ThrowsAny<Exception>(() => again.CreateReader());
        Assert.Contains("pre-release build", Flatten(error), StringComparison.Ordinal);
        Assert.Equal(halfWay, await HistoryAsync(data));
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten)) : error.Message + (error.InnerException is { } inner ? "\n" + Flatten(inner) : "");

    private static List<string> Titles(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<h2[^>]*>(.*?)</h2>", System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

    private static async Task MigrateDownToInitialAsync(string data)
    {
        await using var db = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={Path.Combine(data, "portal.db")};Pooling=False").Options);
        await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
    }

    private static async Task ExecuteAsync(string data, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "portal.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task RewriteHistoryAsync(string data, IEnumerable<string> ids)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "portal.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM __EFMigrationsHistory; " + string.Concat(ids.Select(id => $"INSERT INTO __EFMigrationsHistory VALUES ('{id}', '10.0.15');"));
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> HistoryAsync(string data)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "portal.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
