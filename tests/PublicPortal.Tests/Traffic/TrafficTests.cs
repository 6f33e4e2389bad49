using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Traffic;

namespace PublicPortal.Tests.Traffic;

/// <summary>The visitor counter under load, across restarts and across Vietnam's day, week and month boundaries, on each engine.</summary>
public abstract class TrafficTestsOn(DatabaseProvider provider)
{
    /// <summary>A site that believes X-Forwarded-For, so each test reader can have its own address.</summary>
    private PortalFactory NewSite(string? dataDirectory = null) =>
        new() { Provider = provider, ExistingDataDirectory = dataDirectory, Settings = { ["Portal:Traffic:TrustAllProxies"] = "true" } };

    private static readonly string[] Pages =
    [
        "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc",
        "/lang-nghe/gom-binh-duc",
        "/san-pham/gom-cham-son-hoa",
        "/tuyen-du-lich/hanh-trinh-xanh-2023",
    ];

    private static readonly (ContentKind Kind, string Slug)[] Items =
    [
        (ContentKind.News, "le-don-bang-unesco-tai-lang-gom-binh-duc"),
        (ContentKind.Village, "gom-binh-duc"),
        (ContentKind.Product, "gom-cham-son-hoa"),
        (ContentKind.Route, "hanh-trinh-xanh-2023"),
    ];

    private static HttpRequestMessage Get(string url, int identity, string? userAgent = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent ?? $"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 reader-{identity}");
        request.Headers.Add("X-Forwarded-For", $"10.{identity / 250}.{identity % 250}.7");
        return request;
    }

    private static async Task<Dictionary<(ContentKind, string), long>> ViewsAsync(PortalFactory factory)
    {
        var views = new Dictionary<(ContentKind, string), long>();
        await factory.WithDbAsync(async db =>
        {
            foreach (var (kind, slug) in Items)
                views[(kind, slug)] = await db.ContentItems.Where(x => x.Kind == kind && x.Slug == slug)
                    .Join(db.ItemViewCounts, i => i.Id, v => v.ContentItemId, (_, v) => v.Views).SingleOrDefaultAsync();
        });
        return views;
    }

    private static async Task<DailyTraffic?> DayAsync(PortalFactory factory, DateOnly day)
    {
        DailyTraffic? row = null;
        await factory.WithDbAsync(async db => row = await db.DailyTraffic.AsNoTracking().SingleOrDefaultAsync(x => x.Day == day));
        return row;
    }

    private static Task FlushAsync(PortalFactory factory) => factory.Services.GetRequiredService<TrafficCounter>().FlushAsync();

    [Fact]
    public async Task Counts_are_exact_under_concurrency_ignore_bots_and_survive_a_restart()
    {
        var factory = NewSite();
        var dataDirectory = factory.DataDirectory;
        var client = factory.CreateReader();
        var before = await ViewsAsync(factory);
        var sent = Items.ToDictionary(i => i, _ => 0);

        // 64 clients × 200 requests over 4 pages, from 100 distinct IP/User-Agent identities.
        var plan = Enumerable.Range(0, 64).Select(c => Enumerable.Range(0, 200).Select(j => (Page: (c + j) % Pages.Length, Identity: (c * 200 + j) % 100)).ToList()).ToList();
        foreach (var request in plan.SelectMany(p => p)) sent[Items[request.Page]]++;
        var statuses = await Task.WhenAll(plan.Select(requests => Task.Run(async () =>
        {
            var failures = 0;
            foreach (var (page, identity) in requests)
            {
                using var response = await client.SendAsync(Get(Pages[page], identity));
                if (response.StatusCode != HttpStatusCode.OK) failures++;
            }
            return failures;
        })));
        Assert.Equal(0, statuses.Sum());

        // Bots and prefetches add nothing to the figures people see.
        for (var i = 0; i < 25; i++)
        {
            (await client.SendAsync(Get(Pages[0], 1, "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))).Dispose();
            (await client.SendAsync(Get(Pages[1], 2, "curl/8.5.0"))).Dispose();
            var prefetch = Get(Pages[2], 3);
            prefetch.Headers.Add("Sec-Purpose", "prefetch");
            (await client.SendAsync(prefetch)).Dispose();
            // What a route saved for offline use sends for itself and its stops (a script may not set Sec-Purpose).
            var saving = Get(Pages[2], 3);
            saving.Headers.Add("Purpose", "prefetch");
            (await client.SendAsync(saving)).Dispose();
        }

        // After a burst like this the figures in pages may be a second behind (LiveFiguresSource): a second on, exact.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var online = Html.Parse(await (await client.SendAsync(Get("/lien-he", 0))).Content.ReadAsStringAsync())
            .QuerySelectorAll(".traffic dt").First(dt => dt.TextContent == "Đang truy cập").NextElementSibling!.TextContent;
        Assert.Equal("100", online);

        await FlushAsync(factory);
        var after = await ViewsAsync(factory);
        foreach (var item in Items) Assert.Equal(before[item] + sent[item], after[item]);
        Assert.Equal(12_800, Items.Sum(i => after[i] - before[i]));
        var today = factory.Services.GetRequiredService<TrafficCounter>().Today;
        var day = await DayAsync(factory, today);
        Assert.Equal(100, day!.Visits);
        Assert.Equal(12_801, day.PageViews); // + the /lien-he page that read the counter
        Assert.Equal(50, day.BotRequests);

        // A graceful stop writes what is pending; a new start on the same database shows the same figures.
        (await client.SendAsync(Get(Pages[3], 5))).Dispose();
        factory.KeepDataOnDispose = true;
        await factory.DisposeAsync();
        await using var again = NewSite(dataDirectory);
        _ = again.CreateReader();
        var restarted = await ViewsAsync(again);
        Assert.Equal(after[Items[3]] + 1, restarted[Items[3]]);
        var dayAgain = await DayAsync(again, today);
        Assert.Equal(100, dayAgain!.Visits);
        Assert.Equal(12_802, dayAgain.PageViews);
    }

    [Fact]
    public async Task Counting_sets_no_cookie_and_skips_errors_static_files_and_api()
    {
        await using var factory = NewSite();
        var client = factory.CreateReader();
        var page = await client.SendAsync(Get(Pages[0], 1));
        Assert.False(page.Headers.Contains("Set-Cookie"));
        (await client.SendAsync(Get("/tin-tuc/khong-co", 1))).Dispose();
        (await client.SendAsync(Get("/css/site.css", 1))).Dispose();
        (await client.SendAsync(Get("/api/villages", 1))).Dispose();
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Pages[0]) { Headers = { { "User-Agent", "Mozilla/5.0 reader-1" } } })).Dispose();
        await FlushAsync(factory);
        var day = await DayAsync(factory, factory.Services.GetRequiredService<TrafficCounter>().Today);
        Assert.Equal(1, day!.PageViews);
        Assert.Equal(1, day.Visits);
    }

    [Fact]
    public async Task Days_weeks_and_months_follow_Vietnam_time_and_the_salt_rotates()
    {
        await using var factory = NewSite();
        var client = factory.CreateReader();
        // Sunday 30 November 2025 is not our clock; the factory's is Saturday 28 Nov 2026 10:00 in Vietnam. Move to Monday 30 Nov 2026 23:50 Vietnam.
        factory.Clock.Advance(TimeSpan.FromHours(2 * 24 + 13) + TimeSpan.FromMinutes(50));
        Assert.Equal(new DateOnly(2026, 11, 30), factory.Services.GetRequiredService<TrafficCounter>().Today);
        (await client.SendAsync(Get(Pages[0], 7))).Dispose();

        // 20 minutes later it is 1 December in Vietnam (still 30 November in UTC): a new day, a new month, the same week.
        factory.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(new DateOnly(2026, 12, 1), factory.Services.GetRequiredService<TrafficCounter>().Today);
        (await client.SendAsync(Get(Pages[1], 7))).Dispose();
        // A page shows the figures as they were when it was rendered: read them on the next one.
        var html = Html.Parse(await (await client.SendAsync(Get(Pages[2], 7))).Content.ReadAsStringAsync());
        string Figure(string label) => html.QuerySelectorAll(".traffic dt").First(dt => dt.TextContent == label).NextElementSibling!.TextContent;

        // The same person within 30 minutes, but a new day's salt makes a new visitor: a new visit, as in GoatCounter.
        Assert.Equal("1", Figure("Hôm nay"));
        Assert.Equal("2", Figure("Trong tuần"));
        Assert.Equal("1", Figure("Tháng hiện tại"));
        Assert.Equal("2", Figure("Tổng lượt truy cập"));

        await FlushAsync(factory);
        // Once written, the same visits come from the database instead of memory: the box shows the same figures.
        html = Html.Parse(await (await client.SendAsync(Get(Pages[3], 7))).Content.ReadAsStringAsync());
        Assert.Equal("1", Figure("Hôm nay"));
        Assert.Equal("2", Figure("Trong tuần"));
        Assert.Equal("2", Figure("Tổng lượt truy cập"));
        Assert.Equal(1, (await DayAsync(factory, new DateOnly(2026, 11, 30)))!.Visits);
        Assert.Equal(1, (await DayAsync(factory, new DateOnly(2026, 12, 1)))!.Visits);

        // Three days on, salts older than 48 hours are gone.
        factory.Clock.Advance(TimeSpan.FromDays(3));
        (await client.SendAsync(Get(Pages[0], 7))).Dispose();
        var salts = new List<DateOnly>();
        await factory.WithDbAsync(async db => salts = await db.VisitorSalts.Select(s => s.Day).ToListAsync());
        Assert.Equal([new DateOnly(2026, 12, 4)], salts);
    }

    [Fact]
    public async Task A_page_served_from_the_output_cache_still_counts_and_a_write_evicts_it()
    {
        await using var factory = NewSite();
        var client = factory.CreateReader();
        var before = (await ViewsAsync(factory))[Items[0]];

        var first = await client.SendAsync(Get(Pages[0], 1));
        var second = await client.SendAsync(Get(Pages[0], 2));
        Assert.False(first.Headers.Contains("Age"));
        Assert.True(second.Headers.Contains("Age"), "the second response should come from the output cache");
        await FlushAsync(factory);
        Assert.Equal(before + 2, (await ViewsAsync(factory))[Items[0]]);

        var folder = RepositoryPaths.NewTempDirectory("portal-evict");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "news"));
            var source = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Content, "news", Items[0].Slug + ".md"));
            await File.WriteAllTextAsync(Path.Combine(folder, "news", Items[0].Slug + ".md"), source.Replace("title: \"Làng gốm Bình Đức đón bằng ghi danh của UNESCO\"", "title: \"Tiêu đề đã sửa\""));
            await using (var scope = factory.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<PublicPortal.Web.Features.Content.ContentTransfer>().ImportAsync(folder);
        }
        finally
        {
            RepositoryPaths.DeleteQuietly(folder);
        }
        var third = Html.Parse(await (await client.SendAsync(Get(Pages[0], 3))).Content.ReadAsStringAsync());
        Assert.Equal("Tiêu đề đã sửa", third.QuerySelector("main h1")!.TextContent);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1)", true)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0", true)]
    [InlineData("python-requests/2.31", true)]
    [InlineData("UptimeRobot/2.0", true)]
    [InlineData("", true)]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1", false)]
    [InlineData("Mozilla/5.0 (Linux; Android 14) Chrome/120.0 Mobile Safari/537.36", false)]
    public void Bots_are_recognised_by_user_agent(string userAgent, bool bot) => Assert.Equal(bot, TrafficCounter.IsBot(userAgent));
}

/// <summary>The counter on SQLite, the embedded default.</summary>
public sealed class TrafficTests() : TrafficTestsOn(DatabaseProvider.Sqlite);

/// <summary>The counter on PostgreSQL, as several nodes run it (one node here; across nodes: ClusterTrafficTests).</summary>
public sealed class TrafficPostgreSqlTests() : TrafficTestsOn(DatabaseProvider.PostgreSql);
