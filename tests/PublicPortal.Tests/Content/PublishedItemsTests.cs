using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Content;

/// <summary>
/// Item pages read their item from memory after the first read (PublishedItems); with the output cache off, so only
/// that memory stands between the database and the reader, an edit shows on the next request, an unpublished item
/// is gone on the next request, and a scheduled one appears when it goes live.
/// </summary>
public sealed class PublishedItemsTests : IAsyncLifetime
{
    private readonly PortalFactory _site = new() { Settings = { ["Portal:OutputCache:Enabled"] = "false" } };
    private HttpClient _reader = null!;

    public Task InitializeAsync()
    {
        _reader = _site.CreateReader();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private Task<ContentItem> ItemAsync(ContentKind kind) => _site.FirstPublishedAsync(kind);

    [Theory]
    [InlineData(ContentKind.News, "/tin-tuc/")]
    [InlineData(ContentKind.Announcement, "/thong-bao/")]
    [InlineData(ContentKind.Document, "/van-ban/")]
    [InlineData(ContentKind.Plan, "/chuong-trinh/")]
    [InlineData(ContentKind.Page, "/")]
    public async Task An_edit_shows_and_an_unpublished_item_is_gone_on_the_next_request(ContentKind kind, string prefix)
    {
        var item = await ItemAsync(kind);
        var url = prefix + item.Slug;
        Assert.DoesNotContain("Tóm tắt mới nhất", await _reader.GetStringAsync(url), StringComparison.Ordinal);
        Assert.DoesNotContain("Tóm tắt mới nhất", await _reader.GetStringAsync(url), StringComparison.Ordinal); // from memory now

        Assert.IsType<SaveOutcome.Saved>(await _site.EditAsync(item.Id, i => { i.Summary = "Tóm tắt mới nhất của mục này."; return i; }));
        Assert.Contains("Tóm tắt mới nhất", await _reader.GetStringAsync(url), StringComparison.Ordinal);

        Assert.IsType<SaveOutcome.Saved>(await _site.EditAsync(item.Id, i => { i.Status = ContentStatus.Draft; return i; }));
        Assert.Equal(HttpStatusCode.NotFound, (await _reader.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_home_page_shows_a_newer_plan_when_it_goes_live()
    {
        var plan = await ItemAsync(ContentKind.Plan);
        Assert.Contains(plan.Title, await _reader.GetStringAsync("/"), StringComparison.Ordinal);
        var later = _site.Clock.GetUtcNow().UtcDateTime.AddHours(2);
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(new ContentItem
            {
                Kind = ContentKind.Plan, Slug = "ke-hoach-thu-nghiem-moi", Title = "Kế hoạch thử nghiệm mới hơn", Summary = "Một kế hoạch hẹn giờ đăng.",
                Body = "Nội dung.", Status = ContentStatus.Published, PublishedAtUtc = later,
            }, null, 0, "bien-tap@example.vn");
            Assert.IsType<SaveOutcome.Saved>(outcome);
        }
        Assert.DoesNotContain("Kế hoạch thử nghiệm mới hơn", await _reader.GetStringAsync("/"), StringComparison.Ordinal);
        await _site.AdvanceClockAsync(TimeSpan.FromHours(3));
        Assert.Contains("Kế hoạch thử nghiệm mới hơn", await _reader.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_edited_shows_on_the_next_request_of_its_tracker_and_a_new_day_judges_it_again()
    {
        var plan = await ItemAsync(ContentKind.Plan);
        var tracker = "/chuong-trinh/" + plan.Slug + "/tien-do";
        for (var i = 0; i < 2; i++) Assert.Contains(plan.Title, await _reader.GetStringAsync(tracker), StringComparison.Ordinal); // kept now

        Assert.IsType<SaveOutcome.Saved>(await _site.EditAsync(plan.Id, i => { i.Title = "Kế hoạch đã đổi tên để thử"; return i; }));
        var after = await _reader.GetStringAsync(tracker);
        Assert.Contains("Kế hoạch đã đổi tên để thử", after, StringComparison.Ordinal);
        Assert.Contains("Kế hoạch đã đổi tên để thử", await _reader.GetStringAsync("/"), StringComparison.Ordinal);

        // Nothing changes overnight but the date: the body is made again for the new day (judged "as of today").
        _site.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Contains("Kế hoạch đã đổi tên để thử", await _reader.GetStringAsync(tracker), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_news_item_edited_shows_on_the_next_request_of_every_list_and_page_that_shows_it()
    {
        var newest = await NewestAsync(ContentKind.News);
        var other = await _site.FirstPublishedAsync(ContentKind.News);
        Assert.NotEqual(newest.Id, other.Id);
        string[] pages = ["/", "/tin-tuc", "/tin-tuc/" + other.Slug, "/rss.xml"]; // home, the list, another item's "Tin khác", the feed
        foreach (var page in pages)
        {
            Assert.Contains(newest.Title, await _reader.GetStringAsync(page), StringComparison.Ordinal);
            Assert.Contains(newest.Title, await _reader.GetStringAsync(page), StringComparison.Ordinal); // kept in memory now
        }
        var itemPage = "/tin-tuc/" + newest.Slug;
        Assert.DoesNotContain("Đoạn mới thêm", await _reader.GetStringAsync(itemPage), StringComparison.Ordinal);
        const string search = "/tim-kiem?q=quarkxyz"; // results are kept until the next change, as lists are
        for (var i = 0; i < 2; i++) Assert.DoesNotContain(itemPage, await _reader.GetStringAsync(search), StringComparison.Ordinal);

        Assert.IsType<SaveOutcome.Saved>(await _site.EditAsync(newest.Id, i => { i.Title = "Tiêu đề đã sửa của tin mới nhất"; i.Body += "\n\nĐoạn mới thêm vào bài: quarkxyz."; return i; }));
        Assert.Contains(itemPage, await _reader.GetStringAsync(search), StringComparison.Ordinal);
        foreach (var page in pages)
        {
            var html = await _reader.GetStringAsync(page);
            Assert.Contains("Tiêu đề đã sửa của tin mới nhất", html, StringComparison.Ordinal);
            Assert.DoesNotContain(newest.Title, html, StringComparison.Ordinal);
        }
        Assert.Contains("Đoạn mới thêm vào bài: quarkxyz.", await _reader.GetStringAsync(itemPage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_edited_shows_on_the_next_request_of_the_filtered_list_and_its_choices()
    {
        var document = await NewestAsync(ContentKind.Document);
        var filtered = "/van-ban?loai=" + Uri.EscapeDataString(document.DocumentType!);
        Assert.Contains(document.Title, await _reader.GetStringAsync(filtered), StringComparison.Ordinal);
        Assert.DoesNotContain("Loại văn bản thử nghiệm", await _reader.GetStringAsync("/van-ban"), StringComparison.Ordinal);

        Assert.IsType<SaveOutcome.Saved>(await _site.EditAsync(document.Id, i => { i.DocumentType = "Loại văn bản thử nghiệm"; return i; }));
        Assert.DoesNotContain(document.Title, await _reader.GetStringAsync(filtered), StringComparison.Ordinal);
        Assert.Contains("Loại văn bản thử nghiệm", await _reader.GetStringAsync("/van-ban"), StringComparison.Ordinal); // a new choice
        Assert.Contains(document.Title, await _reader.GetStringAsync("/van-ban?loai=" + Uri.EscapeDataString("Loại văn bản thử nghiệm")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_village_renamed_shows_on_the_next_request_of_every_catalogue_page_that_names_it()
    {
        ContentItem village = null!;
        string route = "", product = "";
        await _site.WithDbAsync(async db =>
        {
            var items = await db.ContentItems.AsNoTracking().Where(x => x.Status == ContentStatus.Published).ToListAsync();
            var (r, v) = items.Where(x => x.Kind == ContentKind.Route)
                .SelectMany(x => x.Route!.Stops.Where(s => s.Kind == "village").Select(s => (Route: x, Village: items.FirstOrDefault(v => v.Kind == ContentKind.Village && v.Slug == s.Slug))))
                .First(x => x.Village is not null && items.Any(p => p.Kind == ContentKind.Product && p.Product!.Village == x.Village.Slug));
            village = v!;
            route = "/tuyen-du-lich/" + r.Slug;
            product = "/san-pham/" + items.First(p => p.Kind == ContentKind.Product && p.Product!.Village == village.Slug).Slug;
        });
        // The village's page, the list as it opens and sorted otherwise, a route through it, a product made there.
        string[] pages = ["/lang-nghe/" + village.Slug, "/lang-nghe", "/lang-nghe?sap-xep=huyen", route, product];
        foreach (var page in pages)
            for (var i = 0; i < 2; i++) Assert.Contains(village.Title, await _reader.GetStringAsync(page), StringComparison.Ordinal); // kept now

        const string renamed = "Làng nghề đổi tên để thử";
        Assert.IsType<SaveOutcome.Saved>(await _site.EditAsync(village.Id, i => { i.Title = renamed; return i; }));
        foreach (var page in pages)
        {
            var html = await _reader.GetStringAsync(page);
            Assert.Contains(renamed, html, StringComparison.Ordinal);
            Assert.DoesNotContain(village.Title, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_kept_page_body_belongs_to_its_own_address_and_query_and_never_repeats_a_stray_parameter()
    {
        // Two orders of the same list, each read twice (the second from memory): each keeps its own order.
        var byName = await _reader.GetStringAsync("/lang-nghe");
        var byDistrict = await _reader.GetStringAsync("/lang-nghe?sap-xep=huyen");
        Assert.Equal(Titles(byName), Titles(await _reader.GetStringAsync("/lang-nghe")));
        Assert.Equal(Titles(byDistrict), Titles(await _reader.GetStringAsync("/lang-nghe?sap-xep=huyen")));
        Assert.NotEqual(Titles(byName), Titles(byDistrict));

        // A reader's tracking parameter is neither in the body they get nor in the body kept for the next reader.
        var tagged = await _reader.GetStringAsync("/lang-nghe?sap-xep=huyen&utm_source=zalo-abc123");
        Assert.DoesNotContain("zalo-abc123", tagged, StringComparison.Ordinal);
        Assert.Equal(Titles(byDistrict), Titles(tagged));
        Assert.DoesNotContain("zalo-abc123", await _reader.GetStringAsync("/lang-nghe?sap-xep=huyen"), StringComparison.Ordinal);

        static List<string> Titles(string html) =>
            System.Text.RegularExpressions.Regex.Matches(html, "href=\"/lang-nghe/([^\"?#]+)\"").Select(m => m.Groups[1].Value).ToList();
    }

    private async Task<ContentItem> NewestAsync(ContentKind kind)
    {
        ContentItem? item = null;
        await _site.WithDbAsync(async db => item = (await db.ContentItems.AsNoTracking().Where(x => x.Kind == kind && x.Status == ContentStatus.Published).ToListAsync())
            .OrderByDescending(x => kind == ContentKind.Document ? x.IssuedOn?.ToDateTime(TimeOnly.MinValue) : x.PublishedAtUtc).First());
        return item!;
    }
}
