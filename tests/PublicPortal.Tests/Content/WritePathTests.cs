using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Traffic;

namespace PublicPortal.Tests.Content;

/// <summary>
/// Every way content changes goes through one writer: one revision, one audit entry and one change record each, and the
/// same effect everywhere a reader looks on the next request — the item page (even when it was cached), its list, the
/// home page, search, the RSS feed, the sitemap and the search API.
/// </summary>
public abstract class WritePathTestsOn(DatabaseProvider provider)
{
    private PortalFactory NewSite() => new() { Provider = provider, Settings = { ["Portal:ChangeFeed:ScheduleRecheckSeconds"] = "1", ["Portal:Traffic:TrustAllProxies"] = "true" } };

    private sealed record Counts(int Revisions, int Audits, int Changes);

    private static async Task<Counts> CountsAsync(PortalFactory site, int id)
    {
        Counts? counts = null;
        await site.WithDbAsync(async db => counts = new Counts(
            await db.Revisions.CountAsync(r => r.ContentItemId == id),
            await db.AuditEntries.CountAsync(),
            await db.ChangeRecords.CountAsync(c => c.ContentItemId == id)));
        return counts!;
    }

    private static async Task<ContentItem> NewestNewsAsync(PortalFactory site)
    {
        ContentItem? item = null;
        await site.WithDbAsync(async db => item = await db.ContentItems.AsNoTracking().Where(x => x.Kind == ContentKind.News).OrderByDescending(x => x.PublishedAtUtc).FirstAsync());
        return item!;
    }

    private static Task<SaveOutcome> WriteAsync(PortalFactory site, int id, Func<ContentItem, ContentItem> change) => site.EditAsync(id, change);

    /// <summary>The marker is on every public surface that shows the item.</summary>
    private static async Task AssertShownEverywhereAsync(HttpClient reader, string url, string marker)
    {
        foreach (var page in new[] { url, "/tin-tuc", "/", "/rss.xml", "/tim-kiem?q=" + marker, "/api/search/suggest?q=" + marker })
        {
            var response = await reader.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(marker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Contains(url, await reader.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin save")]
    [InlineData("restore")]
    [InlineData("import")]
    [InlineData("scheduled publish")]
    public async Task Each_way_of_changing_an_item_writes_one_revision_one_audit_entry_and_one_change_record_and_shows_everywhere(string way)
    {
        await using var site = NewSite();
        var reader = site.CreateReader();
        var editor = await StaffClient.SignedInAsync(site, "bien-tap@example.vn", PortalRoles.Editor);
        var marker = "kiemchung" + way.Replace(" ", "", StringComparison.Ordinal);
        var item = await NewestNewsAsync(site);
        var url = "/tin-tuc/" + item.Slug;
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode); // now in the output cache

        Counts before;
        switch (way)
        {
            case "admin save":
            {
                before = await CountsAsync(site, item.Id);
                var edit = $"/quan-tri/noi-dung/sua/{item.Id}";
                var fields = await StaffClient.EditFormAsync(editor, edit);
                fields["Title"] = $"{item.Title} {marker}";
                Assert.Equal(HttpStatusCode.Redirect, (await editor.PostAsync(edit, new FormUrlEncodedContent(fields))).StatusCode);
                break;
            }
            case "restore":
            {
                Assert.IsType<SaveOutcome.Saved>(await WriteAsync(site, item.Id, i => { i.Title = $"{item.Title} {marker}"; return i; }));
                Assert.IsType<SaveOutcome.Saved>(await WriteAsync(site, item.Id, i => { i.Title = item.Title; return i; }));
                int number = 0;
                await site.WithDbAsync(async db => number = await db.Revisions.Where(r => r.ContentItemId == item.Id && r.Snapshot.Contains(marker)).Select(r => r.Number).SingleAsync());
                Assert.DoesNotContain(marker, await reader.GetStringAsync(url), StringComparison.Ordinal);
                before = await CountsAsync(site, item.Id);
                var history = $"/quan-tri/noi-dung/lich-su/{item.Id}";
                var restored = await StaffClient.PostFormAsync(editor, $"{history}?handler=Restore", new() { ["number"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"{history}?khoi-phuc={number}");
                Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
                break;
            }
            case "import":
            {
                before = await CountsAsync(site, item.Id);
                var folder = RepositoryPaths.NewTempDirectory("portal-import");
                try
                {
                    foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Content, "*", SearchOption.AllDirectories))
                    {
                        var target = Path.Combine(folder, Path.GetRelativePath(RepositoryPaths.Content, file));
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        File.Copy(file, target);
                    }
                    var news = Path.Combine(folder, "news", item.Slug + ".md");
                    var text = await File.ReadAllTextAsync(news);
                    var title = text.Split('\n').First(l => l.StartsWith("title: ", StringComparison.Ordinal));
                    var marked = title.TrimEnd().EndsWith('"') ? title.TrimEnd()[..^1] + " " + marker + "\"" : title.TrimEnd() + " " + marker;
                    await File.WriteAllTextAsync(news, text.Replace(title, marked, StringComparison.Ordinal));
                    await using var scope = site.Services.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<ContentTransfer>().ImportAsync(folder);
                    Assert.Equal(1, result.Updated);
                }
                finally
                {
                    RepositoryPaths.DeleteQuietly(folder);
                }
                break;
            }
            default:
            {
                // A new item, due in an hour: not shown anywhere until its time, then shown by the timer's change.
                var due = site.Clock.GetUtcNow().AddHours(1);
                await using (var scope = site.Services.CreateAsyncScope())
                {
                    var created = await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(new ContentItem
                    {
                        Kind = ContentKind.News, Slug = "tin-hen-gio-" + marker, Title = "Tin hẹn giờ " + marker, Summary = "Tin đăng theo lịch.",
                        Body = "Nội dung.", Status = ContentStatus.Published, PublishedAtUtc = due.UtcDateTime,
                    }, null, 0, "bien-tap@example.vn");
                    item = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ContentItems.AsNoTracking()
                        .SingleAsync(x => x.Id == ((SaveOutcome.Saved)created).Id);
                }
                url = "/tin-tuc/" + item.Slug;
                Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(url)).StatusCode);
                Assert.DoesNotContain(marker, await reader.GetStringAsync("/rss.xml"), StringComparison.Ordinal);
                before = await CountsAsync(site, item.Id);
                site.Clock.Advance(TimeSpan.FromMinutes(61));
                for (var waited = 0; (await CountsAsync(site, item.Id)).Changes == before.Changes && waited < 10_000; waited += 100) await Task.Delay(100);
                // Its record is written; the pages follow once the handlers have applied it (moments later).
                long newest = 0;
                await site.WithDbAsync(async db => newest = await db.ChangeRecords.MaxAsync(c => c.Sequence));
                Assert.True(await site.Services.GetRequiredService<ChangeFeed>().WaitAppliedAsync(newest, TimeSpan.FromSeconds(10)));
                break;
            }
        }

        var after = await CountsAsync(site, item.Id);
        Assert.Equal(before with { Revisions = before.Revisions + 1, Audits = before.Audits + 1, Changes = before.Changes + 1 }, after);
        await AssertShownEverywhereAsync(reader, url, marker);
    }

    [Fact]
    public async Task A_change_committed_by_a_process_that_died_before_its_handlers_ran_shows_after_the_restart()
    {
        var marker = "kiemchungsaukhisap";
        string data;
        ContentItem item;
        await using (var held = new PortalFactory { Provider = provider, KeepDataOnDispose = true, Settings = { ["Portal:ChangeFeed:Hold"] = "true" } })
        {
            item = await NewestNewsAsync(held);
            var reader = held.CreateReader();
            Assert.IsType<SaveOutcome.Saved>(await WriteAsync(held, item.Id, i => { i.Title = $"{i.Title} {marker}"; return i; }));
            // Committed, but nothing followed it: search does not know.
            Assert.DoesNotContain("/tin-tuc/" + item.Slug, await ResultsAsync(reader, marker));
            data = held.DataDirectory;
        }

        await using var again = new PortalFactory { Provider = provider, ExistingDataDirectory = data };
        Assert.Contains("/tin-tuc/" + item.Slug, await ResultsAsync(again.CreateReader(), marker));
    }

    private static async Task<List<string>> ResultsAsync(HttpClient reader, string query)
    {
        var (_, _, page) = await Html.GetAsync(reader, "/tim-kiem?q=" + Uri.EscapeDataString(query));
        return page.QuerySelectorAll("ol.results h3 a").Select(a => a.GetAttribute("href")!).ToList();
    }

    [Fact]
    public async Task A_search_page_open_data_and_the_figures_page_count_as_page_views_of_no_item()
    {
        await using var site = NewSite();
        var reader = site.CreateReader();
        reader.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        foreach (var page in new[] { "/tim-kiem?q=gom", "/du-lieu-mo", "/so-lieu-truy-cap", "/tin-tuc" })
        {
            var response = await reader.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains(ServedItem.Header), "the item marker is for the counter, not for readers");
        }
        var counter = site.Services.GetRequiredService<TrafficCounter>();
        await counter.FlushAsync();
        await site.WithDbAsync(async db =>
        {
            Assert.Equal(4, await db.DailyTraffic.SumAsync(d => d.PageViews)); // counted as page views
            Assert.Empty(await db.ItemDailyViews.ToListAsync());
            Assert.Empty(await db.ItemViewCounts.Where(v => v.Views > 0 && db.ContentItems.Any(i => i.Id == v.ContentItemId && i.Kind == ContentKind.Page)).ToListAsync());
        });
    }

    [Fact]
    public async Task A_page_served_from_the_cache_still_counts_for_its_item()
    {
        await using var site = NewSite();
        var item = await NewestNewsAsync(site);
        var url = "/tin-tuc/" + item.Slug;
        long stored = 0;
        await site.WithDbAsync(async db => stored = await db.ItemViewCounts.Where(v => v.ContentItemId == item.Id).Select(v => v.Views).SingleOrDefaultAsync());
        var reader = site.CreateReader();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
            var response = await reader.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains(ServedItem.Header));
        }
        await site.Services.GetRequiredService<TrafficCounter>().FlushAsync();
        await site.WithDbAsync(async db => Assert.Equal(stored + 5, await db.ItemViewCounts.Where(v => v.ContentItemId == item.Id).Select(v => v.Views).SingleAsync()));
        // "Lượt xem" on the next fresh render says so too (the views before this one).
        Assert.IsType<SaveOutcome.Saved>(await WriteAsync(site, item.Id, i => { i.Summary += " "; return i; }));
        Assert.Contains($"<span class=\"view-count\">{stored + 5:N0}</span>".Replace(",", ".", StringComparison.Ordinal), await reader.GetStringAsync(url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task View_counts_are_exact_while_an_editor_saves_the_same_item_fifty_times_under_sixty_four_readers()
    {
        await using var site = NewSite();
        var item = await NewestNewsAsync(site);
        var url = "/tin-tuc/" + item.Slug;
        long stored = 0;
        await site.WithDbAsync(async db => stored = await db.ItemViewCounts.Where(v => v.ContentItemId == item.Id).Select(v => v.Views).SingleOrDefaultAsync());
        var client = site.CreateReader();
        var served = 0;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 64).Select(r => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 reader-{r}");
                request.Headers.Add("X-Forwarded-For", $"10.1.{r}.{i + 1}");
                var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Interlocked.Increment(ref served);
            }
        })).ToList();
        var outcomes = new List<SaveOutcome>();
        for (var save = 0; save < 50; save++)
            outcomes.Add(await WriteAsync(site, item.Id, i => { i.Summary = $"Tóm tắt lần {save}."; return i; }));
        await Task.WhenAll(readers);
        await site.Services.GetRequiredService<TrafficCounter>().FlushAsync();

        Assert.All(outcomes, o => Assert.IsType<SaveOutcome.Saved>(o));
        Assert.Equal(64 * 15, served);
        await site.WithDbAsync(async db =>
        {
            Assert.Equal(stored + served, await db.ItemViewCounts.Where(v => v.ContentItemId == item.Id).Select(v => v.Views).SingleAsync());
            Assert.Equal(51, await db.ContentItems.Where(x => x.Id == item.Id).Select(x => x.Version).SingleAsync() - item.Version + 1);
        });
    }

    private static async Task<ContentItem> ItemAsync(PortalFactory site, ContentKind kind, string slug)
    {
        ContentItem? item = null;
        await site.WithDbAsync(async db => item = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Kind == kind && x.Slug == slug));
        return item!;
    }

    [Fact]
    public async Task Renaming_a_village_re_indexes_the_products_and_routes_that_show_its_name()
    {
        await using var site = NewSite();
        var reader = site.CreateReader();
        var village = await ItemAsync(site, ContentKind.Village, "gom-binh-duc");
        Assert.IsType<SaveOutcome.Saved>(await WriteAsync(site, village.Id, v => { v.Title = "Làng gốm Bình Đức kiemchunglang"; return v; }));
        var results = await ResultsAsync(reader, "kiemchunglang");
        Assert.Contains("/lang-nghe/gom-binh-duc", results);
        Assert.Contains("/san-pham/gom-cham-son-hoa", results); // its product names it
        Assert.Contains("/tuyen-du-lich/mot-ngay-di-san-cham", results); // a route through it
        await site.WithDbAsync(async db =>
        {
            var record = await db.ChangeRecords.OrderByDescending(c => c.Sequence).FirstAsync();
            var product = await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Product && x.Slug == "gom-cham-son-hoa");
            Assert.Equal((village.Id, ChangeKinds.Edited), (record.ContentItemId!.Value, record.Change));
            Assert.Contains(product.Id, record.TouchedIds());
        });
    }

    [Fact]
    public async Task An_edit_evicts_the_cached_pages_that_show_the_item_and_leaves_the_others_cached()
    {
        await using var site = NewSite();
        var reader = site.CreateReader();
        const string villagePage = "/lang-nghe/gom-binh-duc";
        var news = await NewestNewsAsync(site);
        var newsPage = "/tin-tuc/" + news.Slug;
        async Task<bool> CachedAsync(string url) => (await reader.GetAsync(url)).Headers.Contains("Age");
        await reader.GetAsync(villagePage);
        await reader.GetAsync(newsPage);
        Assert.True(await CachedAsync(villagePage));

        // A news edit: the news page is made again, the village page still comes from the cache.
        Assert.IsType<SaveOutcome.Saved>(await WriteAsync(site, news.Id, i => { i.Summary += " Đã sửa."; return i; }));
        Assert.False(await CachedAsync(newsPage));
        Assert.True(await CachedAsync(villagePage));

        // An edit of a product the village page lists: the village page is made again and shows it.
        var product = await ItemAsync(site, ContentKind.Product, "gom-cham-son-hoa");
        Assert.IsType<SaveOutcome.Saved>(await WriteAsync(site, product.Id, p => { p.Title = "Gốm Chăm Sơn Hòa kiemchungsanpham"; return p; }));
        var response = await reader.GetAsync(villagePage);
        Assert.False(response.Headers.Contains("Age"));
        Assert.Contains("kiemchungsanpham", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A handler that fails its first two calls, as search would with a full disk.</summary>
    private sealed class FailingTwiceHandler : IChangeHandler
    {
        public int Calls;
        public List<long> Applied { get; } = [];
        public string Name => "failing-twice";
        public Task ApplyAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref Calls) <= 2) throw new IOException("Không còn chỗ trên đĩa");
            lock (Applied) Applied.AddRange(changes.Select(c => c.Sequence));
            return Task.CompletedTask;
        }
    }

    private sealed class SiteWithFailingHandler(FailingTwiceHandler handler) : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IChangeHandler>(handler));
        }
    }

    [Fact]
    public async Task A_failing_handler_never_fails_the_save_and_is_retried_from_the_feed_until_it_applies_the_change()
    {
        var handler = new FailingTwiceHandler();
        await using var site = new SiteWithFailingHandler(handler) { Provider = provider };
        var reader = site.CreateReader();
        var news = await NewestNewsAsync(site);
        var saved = await WriteAsync(site, news.Id, i => { i.Title += " kiemchungloi"; return i; });
        Assert.IsType<SaveOutcome.Saved>(saved);
        // The other handlers went on: search already has it.
        Assert.Contains("/tin-tuc/" + news.Slug, await ResultsAsync(reader, "kiemchungloi"));
        long sequence = 0;
        await site.WithDbAsync(async db => sequence = await db.ChangeRecords.MaxAsync(c => c.Sequence));
        for (var waited = 0; !handler.Applied.Contains(sequence) && waited < 20_000; waited += 200) await Task.Delay(200);
        Assert.Contains(sequence, handler.Applied);
        Assert.True(handler.Calls >= 3);
    }
}

/// <summary>The write path on SQLite, the embedded default.</summary>
public sealed class WritePathTests() : WritePathTestsOn(DatabaseProvider.Sqlite);

/// <summary>The write path on PostgreSQL, as several nodes run it.</summary>
public sealed class WritePathPostgreSqlTests() : WritePathTestsOn(DatabaseProvider.PostgreSql);
