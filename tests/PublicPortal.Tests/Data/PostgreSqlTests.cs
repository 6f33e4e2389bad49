using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Data.PostgreSql;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Data;

/// <summary>
/// The portal on PostgreSQL (Portal:Database:Provider = PostgreSQL, ConnectionStrings:Portal), on the real server that
/// tests/run.sh starts: it makes its schema and imports content/ on an empty database, readers see what they see on
/// SQLite, and writes made at the same moment are all applied.
/// </summary>
public sealed class PostgreSqlTests : IAsyncLifetime
{
    private readonly PortalFactory _postgres = new() { Provider = DatabaseProvider.PostgreSql };
    private readonly PortalFactory _sqlite = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        await _sqlite.DisposeAsync();
    }

    [Fact]
    public async Task An_empty_database_gets_its_schema_and_the_content_and_readers_see_what_they_see_on_sqlite()
    {
        var reader = _postgres.CreateReader();
        await _postgres.WithDbAsync(db =>
        {
            Assert.IsType<PostgreSqlPortalDbContext>(db);
            return Task.CompletedTask;
        });
        // Counted on the server itself, not through the site.
        await using (var connection = new NpgsqlConnection(TestPostgres.DatabaseFor(_postgres.DataDirectory)))
        {
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM \"ContentItems\"", connection);
            var stored = (long)(await count.ExecuteScalarAsync())!;
            var seeded = 0;
            await _sqlite.WithDbAsync(async db => seeded = await db.ContentItems.CountAsync());
            Assert.True(stored > 0);
            Assert.Equal(seeded, stored);
        }
        var sqliteReader = _sqlite.CreateReader();
        foreach (var page in new[] { "/tin-tuc", "/lang-nghe?ocop=1", "/san-pham?sao=4", "/van-ban", "/tim-kiem?q=gom", "/api/villages" })
        {
            var response = await reader.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Links(await sqliteReader.GetStringAsync(page)), Links(await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Sixteen_edits_saved_at_the_same_moment_are_all_committed_and_all_found_by_search()
    {
        var reader = _postgres.CreateReader();
        List<ContentItem> items = [];
        await _postgres.WithDbAsync(async db => items = await db.ContentItems.AsNoTracking()
            .Where(x => x.Kind == ContentKind.News && x.Status == ContentStatus.Published).OrderBy(x => x.Id).Take(16).ToListAsync());
        Assert.Equal(16, items.Count);
        var outcomes = await Task.WhenAll(items.Select((item, n) => Task.Run(() =>
            _postgres.EditAsync(item.Id, i => { i.Title = $"{i.Title} dongthoi{Letters(n)}"; return i; }))));
        Assert.All(outcomes, o => Assert.IsType<SaveOutcome.Saved>(o));

        long newest = 0;
        await _postgres.WithDbAsync(async db => newest = await db.ChangeRecords.MaxAsync(c => c.Sequence));
        Assert.True(await _postgres.Services.GetRequiredService<ChangeFeed>().WaitAppliedAsync(newest, TimeSpan.FromSeconds(10)));
        for (var n = 0; n < items.Count; n++)
        {
            var html = await reader.GetStringAsync("/tim-kiem?q=dongthoi" + Letters(n));
            Assert.Contains("/tin-tuc/" + items[n].Slug, html, StringComparison.Ordinal);
        }
    }

    private PortalFactory SecondNode() => _postgres.NextNode();

    [Fact]
    public async Task Two_nodes_started_at_once_on_an_empty_database_import_the_content_once()
    {
        await using var second = SecondNode();
        await Task.WhenAll(Task.Run(() => _postgres.CreateReader()), Task.Run(() => second.CreateReader()));
        (int Items, int Revisions) stored = default, seeded = default;
        await _postgres.WithDbAsync(async db => stored = (await db.ContentItems.CountAsync(), await db.Revisions.CountAsync()));
        await _sqlite.WithDbAsync(async db => seeded = (await db.ContentItems.CountAsync(), await db.Revisions.CountAsync()));
        Assert.Equal(seeded, stored);
        Assert.Equal(Links(await _postgres.CreateReader().GetStringAsync("/tin-tuc")), Links(await second.CreateReader().GetStringAsync("/tin-tuc")));
    }

    [Fact]
    public async Task A_scheduled_item_goes_live_once_when_every_node_wakes_at_its_time()
    {
        await using var second = SecondNode();
        _postgres.CreateReader();
        second.CreateReader();
        int id;
        await using (var scope = _postgres.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(new ContentItem
            {
                Kind = ContentKind.News, Slug = "tin-hen-gio-hai-may", Title = "Tin hẹn giờ trên hai máy", Summary = "Tin đăng theo lịch.",
                Body = "Nội dung.", Status = ContentStatus.Published, PublishedAtUtc = _postgres.Clock.GetUtcNow().UtcDateTime.AddHours(1),
            }, null, 0, "bien-tap@example.vn");
            id = Assert.IsType<SaveOutcome.Saved>(saved).Id;
        }
        _postgres.Clock.Advance(TimeSpan.FromMinutes(61));
        // Both nodes' schedulers, twice each, at the same moment.
        var wentLive = await Task.WhenAll(Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            await using var scope = (n % 2 == 0 ? _postgres : second).Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ContentWriter>().RecordWentLiveAsync();
        })));
        Assert.Equal(1, wentLive.Sum());
        var records = 0;
        await _postgres.WithDbAsync(async db => records = await db.ChangeRecords.CountAsync(c => c.ContentItemId == id && c.Change == ChangeKinds.WentLive));
        Assert.Equal(1, records);
    }

    [Fact]
    public async Task An_edit_saved_on_one_node_is_found_by_search_on_the_other_within_two_seconds()
    {
        await using var second = SecondNode();
        _postgres.CreateReader();
        var otherReader = second.CreateReader(); // started with no index of its own: it builds one, then follows the feed
        var item = await _postgres.FirstPublishedAsync(ContentKind.News);
        Assert.DoesNotContain("/tin-tuc/" + item.Slug, await otherReader.GetStringAsync("/tim-kiem?q=timthaytrenmayhai"), StringComparison.Ordinal);

        Assert.IsType<SaveOutcome.Saved>(await _postgres.EditAsync(item.Id, i => { i.Title += " timthaytrenmayhai"; return i; }));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var found = false;
        while (!found && clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            found = (await otherReader.GetStringAsync("/tim-kiem?q=timthaytrenmayhai")).Contains("/tin-tuc/" + item.Slug, StringComparison.Ordinal);
            if (!found) await Task.Delay(50);
        }
        Assert.True(found, $"the other node's search did not find the edit within 2 s ({clock.Elapsed.TotalMilliseconds:N0} ms)");
    }

    /// <summary>A word for each number that the search analyzer keeps whole (letters only).</summary>
    private static string Letters(int n) => new([(char)('a' + n / 26), (char)('a' + n % 26)]);

    private static List<string> Links(string body) =>
        System.Text.RegularExpressions.Regex.Matches(body, "(?:href=\"|\"url\":\")(/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
}
