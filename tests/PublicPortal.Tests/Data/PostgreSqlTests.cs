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
    public async Task One_node_watches_the_schedule_and_when_it_dies_the_other_publishes_the_next_item_on_time()
    {
        var settings = new Dictionary<string, string> { ["Portal:ChangeFeed:ScheduleRecheckSeconds"] = "1", ["Portal:ChangeFeed:ScheduleLeaseSeconds"] = "3" };
        // The survivor owns the test's database (the other two share it, as second nodes do).
        await using var survivor = new PortalFactory { Provider = DatabaseProvider.PostgreSql };
        foreach (var (key, value) in settings) survivor.Settings[key] = value;
        await using var second = survivor.NextNode();
        await using var third = survivor.NextNode();
        var reader = survivor.CreateReader();
        second.CreateReader();
        third.CreateReader();
        var nodes = new[] { survivor, second, third }.Select(n => n.Services.GetRequiredService<PublicPortal.Web.Features.Hosting.NodeLeases>().Holder).ToList();
        Assert.Equal(3, nodes.Distinct().Count());

        // One row, naming one of the three nodes, however often they all look.
        await Task.Delay(TimeSpan.FromSeconds(2));
        List<Lease> leases = [];
        await survivor.WithDbAsync(async db => leases = await db.Leases.Where(l => l.Name == ScheduledPublisher.LeaseName).ToListAsync());
        Assert.Contains(Assert.Single(leases).Holder, nodes);

        // The other two stop, the second as if killed while it held the lease: its row stays until it runs out.
        await second.DisposeAsync();
        await third.DisposeAsync();
        await survivor.WithDbAsync(async db =>
        {
            db.Leases.RemoveRange(db.Leases);
            db.Leases.Add(new Lease { Name = ScheduledPublisher.LeaseName, Holder = nodes[1], ExpiresAtUtc = survivor.Clock.GetUtcNow().UtcDateTime.AddSeconds(3) });
            await db.SaveChangesAsync();
        });
        int id;
        await using (var scope = survivor.Services.CreateAsyncScope())
        {
            id = Assert.IsType<SaveOutcome.Saved>(await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(new ContentItem
            {
                Kind = ContentKind.News, Slug = "tin-hen-gio-khi-mot-may-chet", Title = "Tin hẹn giờ khi một máy dừng", Summary = "Tin đăng theo lịch.",
                Body = "Nội dung.", Status = ContentStatus.Published, PublishedAtUtc = survivor.Clock.GetUtcNow().UtcDateTime.AddMinutes(1),
            }, null, 0, "bien-tap@example.vn")).Id;
        }
        survivor.Clock.Advance(TimeSpan.FromMinutes(2)); // past the item's time, and past the dead node's lease

        // Its went-live record (what tells every node's pages, search and feeds) is written by the node left running.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var records = 0;
        while (records == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await survivor.WithDbAsync(async db => records = await db.ChangeRecords.CountAsync(c => c.ContentItemId == id && c.Change == ChangeKinds.WentLive));
            if (records == 0) await Task.Delay(100);
        }
        Assert.Equal(1, records);
        Assert.Contains("/tin-tuc/tin-hen-gio-khi-mot-may-chet", await reader.GetStringAsync("/tin-tuc"), StringComparison.Ordinal);
        await survivor.WithDbAsync(async db => leases = await db.Leases.ToListAsync());
        Assert.Equal(nodes[0], Assert.Single(leases).Holder);
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
