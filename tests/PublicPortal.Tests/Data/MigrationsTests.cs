using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void Each_engine_has_one_initial_migration_and_none_of_the_squashed_ones(DatabaseProvider provider)
    {
        using var db = Model(provider);
        var migrations = db.Database.GetMigrations().ToList();
        // The schema grows by migrations after the Initial (the first: PageFeedback, 7 December 2026); only the first is an Initial.
        Assert.EndsWith("_Initial", migrations[0], StringComparison.Ordinal);
        Assert.Single(migrations, m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.DoesNotContain(migrations, m => PortalDatabase.SquashedMigrations.Contains(m) || PortalDatabase.SquashedIntoInitial(db).Migrations.Contains(m));
    }

    /// <summary>
    /// Databases as builds before the squash left them: the schema each made (EF Core's script of its migrations then,
    /// in Fixtures/), its history, and an item of its own with 77 views counted.
    /// </summary>
    [Theory]
    [InlineData("sqlite-at-20261202012706_Initial.sql", true)] // a first-wave build, before the first squash
    [InlineData("sqlite-at-20261202012706_Initial.sql", false)] // a build of the morning of 2 December
    [InlineData("sqlite-at-20261202164721_DataProtectionKeys.sql", false)] // the last build before this squash
    public async Task A_sqlite_database_made_by_an_earlier_build_starts_with_its_content_and_a_new_databases_schema(string fixture, bool beforeFirstSquash)
    {
        await using var fresh = new PortalFactory { Seeded = false };
        fresh.CreateReader();
        var expected = await SqliteSchemaAsync(fresh.DataDirectory);

        await using var site = new PortalFactory { Seeded = false };
        var data = site.DataDirectory;
        var viewsInRow = !fixture.Contains("DataProtectionKeys", StringComparison.Ordinal);
        await ExecuteAsync(data, await File.ReadAllTextAsync(Fixture(fixture)), expectRows: false);
        await ExecuteAsync(data, OldItem(viewsInRow));
        if (!viewsInRow) await ExecuteAsync(data, "INSERT INTO ItemViewCounts (ContentItemId, Views) SELECT Id, 77 FROM ContentItems");
        if (beforeFirstSquash) await RewriteHistoryAsync(data, PortalDatabase.SquashedMigrations);

        var page = await site.CreateReader().GetAsync("/tin-tuc/tin-tu-ban-cu");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Tin từ bản cũ", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(fresh.Services.GetRequiredService<PortalDbContext>().Database.GetMigrations().ToList(), await HistoryAsync(data));
        Assert.Equal(expected, await SqliteSchemaAsync(data));
        await site.WithDbAsync(async db => Assert.Equal(77, await db.ItemViewCounts.Select(v => v.Views).SingleAsync()));
    }

    [Fact]
    public async Task A_postgresql_database_made_by_the_last_build_before_the_squash_starts_with_its_content_and_a_new_databases_schema()
    {
        await using var fresh = new PortalFactory { Provider = DatabaseProvider.PostgreSql, Seeded = false };
        fresh.CreateReader();
        var expected = await PostgreSqlSchemaAsync(TestPostgres.DatabaseFor(fresh.DataDirectory));

        await using var site = new PortalFactory { Provider = DatabaseProvider.PostgreSql, Seeded = false };
        var database = TestPostgres.DatabaseFor(site.DataDirectory);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var schema = new NpgsqlCommand(await File.ReadAllTextAsync(Fixture("postgresql-at-20261202164813_Initial.sql")), connection);
            await schema.ExecuteNonQueryAsync();
            await using var item = new NpgsqlCommand(OldItem(viewsInRow: false).Replace("'2026-11-20 03:00:00'", "'2026-11-20 03:00:00+00'", StringComparison.Ordinal), connection);
            await item.ExecuteNonQueryAsync();
        }

        var page = await site.CreateReader().GetAsync("/tin-tuc/tin-tu-ban-cu");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Tin từ bản cũ", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(expected, await PostgreSqlSchemaAsync(database));
        var history = new List<string>();
        await site.WithDbAsync(async db => history = (await db.Database.GetAppliedMigrationsAsync()).ToList());
        Assert.Equal(fresh.Services.GetRequiredService<PortalDbContext>().Database.GetMigrations().ToList(), history);
    }

    [Fact]
    public async Task A_pre_release_database_stopped_half_way_is_refused_with_what_to_do_and_left_as_it_was()
    {
        await using var site = new PortalFactory { Seeded = false };
        var data = site.DataDirectory;
        await ExecuteAsync(data, await File.ReadAllTextAsync(Fixture("sqlite-at-20261202012706_Initial.sql")), expectRows: false);
        var halfWay = PortalDatabase.SquashedMigrations[..5];
        await RewriteHistoryAsync(data, halfWay);

        var error = Assert.ThrowsAny<Exception>(() => site.CreateReader());
        Assert.Contains("pre-release build", Flatten(error), StringComparison.Ordinal);
        Assert.Equal(halfWay, await HistoryAsync(data));
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", name);

    /// <summary>A published news item as an older build stored it (its columns then), with its views in the row when they were kept there.</summary>
    private static string OldItem(bool viewsInRow) =>
        "INSERT INTO \"ContentItems\" (\"Kind\", \"Slug\", \"Title\", \"Summary\", \"Body\", \"Status\", \"PublishedAtUtc\", \"DatePrecision\", "
        + (viewsInRow ? "\"ViewCount\", " : "") + "\"Version\", \"SearchText\") " +
        "VALUES ('News', 'tin-tu-ban-cu', 'Tin từ bản cũ', 'Tin lưu từ bản trước.', 'Nội dung của tin.', 'Published', '2026-11-20 03:00:00', 0, " +
        (viewsInRow ? "77, " : "") + "1, 'tin tu ban cu')";

    /// <summary>Every table's columns (name, type, null, key, default) and every index (columns, unique), as SQLite reports them.</summary>
    private static async Task<List<string>> SqliteSchemaAsync(string data)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "portal.db")};Pooling=False");
        await connection.OpenAsync();
        const string sql = """
            SELECT t.name || '.' || c.name || ' ' || c.type || ' ' || c."notnull" || ' ' || c.pk || ' ' || ifnull(c.dflt_value, '')
            FROM sqlite_master t JOIN pragma_table_info(t.name) c
            WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND t.name <> '__EFMigrationsHistory'
            UNION ALL
            SELECT t.name || ' index ' || i.name || ' ' || i."unique" || ' ' || (SELECT group_concat(k.name) FROM pragma_index_info(i.name) k)
            FROM sqlite_master t JOIN pragma_index_list(t.name) i
            WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%'
            """;
        return await ReadAllAsync(connection, sql);
    }

    private static async Task<List<string>> PostgreSqlSchemaAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        const string sql = """
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(character_maximum_length::text, '') || ' ' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            UNION ALL
            SELECT tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            """;
        return await ReadAllAsync(connection, sql);
    }

    private static async Task<List<string>> ReadAllAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join("\n", aggregate.InnerExceptions.Select(Flatten)) : error.Message + (error.InnerException is { } inner ? "\n" + Flatten(inner) : "");

    private static List<string> Titles(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<h2[^>]*>(.*?)</h2>", System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

    private static async Task ExecuteAsync(string data, string sql, bool expectRows = true)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "portal.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = await command.ExecuteNonQueryAsync();
        if (expectRows) Assert.Equal(1, rows);
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
