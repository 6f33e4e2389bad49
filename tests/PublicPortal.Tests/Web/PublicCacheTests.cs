using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Traffic;

namespace PublicPortal.Tests.Web;

/// <summary>
/// Every anonymous public page comes from the output cache (issue 16): a second request is a hit (the cache's Age
/// header), stray query parameters make no new entry and never reach the page's links, staff neither read nor fill
/// it, a revisit with the page's ETag gets 304, and the figures in a cached page are live.
/// </summary>
public sealed class PublicCacheTests : IAsyncLifetime
{
    private const string Browser = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";

    private readonly PortalFactory _site = new() { Settings = { ["Portal:Traffic:TrustAllProxies"] = "true" } };
    private HttpClient _reader = null!;

    public Task InitializeAsync()
    {
        _reader = _site.CreateReader();
        _reader.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private async Task<bool> CachedAsync(string url)
    {
        using var response = await _reader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Contains("Age");
    }

    private Task<string> SlugAsync(ContentKind kind) => _site.FirstPublishedSlugAsync(kind);

    [Fact]
    public async Task Every_public_page_type_is_served_from_the_cache_on_the_second_request()
    {
        var plan = await SlugAsync(ContentKind.Plan);
        var route = await SlugAsync(ContentKind.Route);
        string[] pages =
        [
            "/", "/tin-tuc", "/thong-bao", "/van-ban", "/van-ban?loai=ke-hoach", "/lang-nghe", "/lang-nghe?ocop=1&du-lich=1", "/san-pham",
            "/san-pham?sao=4", "/diem-den", "/tuyen-du-lich", "/chuong-trinh", "/tim-kiem?q=gom", "/du-lieu-mo", "/so-lieu-truy-cap",
            "/" + "gioi-thieu", "/tin-tuc/" + await SlugAsync(ContentKind.News), "/thong-bao/" + await SlugAsync(ContentKind.Announcement),
            "/van-ban/" + await SlugAsync(ContentKind.Document), "/lang-nghe/gom-binh-duc", "/san-pham/gom-cham-son-hoa",
            "/diem-den/" + await SlugAsync(ContentKind.Sight), "/tuyen-du-lich/" + route, "/chuong-trinh/" + plan, "/chuong-trinh/" + plan + "/tien-do",
            "/rss.xml", "/sitemap.xml", "/api/villages", "/api/products?format=csv", "/api/sights", "/api/routes", "/api/map.geojson",
            "/tuyen-du-lich/" + route + ".gpx", "/tuyen-du-lich/" + route + ".geojson", "/api/chuong-trinh/" + plan + "/tien-do",
        ];
        foreach (var page in pages) Assert.False(await CachedAsync(page), $"{page} was cached before anyone asked for it");
        var missed = new List<string>();
        foreach (var page in pages) if (!await CachedAsync(page)) missed.Add(page);
        Assert.Empty(missed);
    }

    [Fact]
    public async Task Reordered_keys_utm_parameters_unknown_keys_and_empty_values_share_one_entry_and_never_reach_the_links()
    {
        Assert.False(await CachedAsync("/lang-nghe?ocop=1&du-lich=1&utm_source=zalo&utm_campaign=tet&fbclid=abc&nghe=&x=%3Cscript%3E"));
        Assert.True(await CachedAsync("/lang-nghe?du-lich=1&ocop=1"));
        Assert.True(await CachedAsync("/lang-nghe?DU-LICH=1&ocop=1&utm_medium=social"));
        // A filter the page reads is a different page.
        Assert.False(await CachedAsync("/lang-nghe?du-lich=1"));

        // The copy made for a reader who came with tracking parameters serves everyone: none of them is in it.
        Assert.False(await CachedAsync("/tin-tuc?utm_source=zalo&ref=newsletter"));
        var (response, body, page) = await Html.GetAsync(_reader, "/tin-tuc");
        Assert.True(response.Headers.Contains("Age"));
        Assert.DoesNotContain("utm_source", body, StringComparison.Ordinal);
        Assert.DoesNotContain("newsletter", body, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("nav a[href]"), a => a.GetAttribute("href") == "/tin-tuc?page=2");
        Assert.Equal("http://localhost/tin-tuc", page.QuerySelector(".print-source a")!.GetAttribute("href"));

        // The search page's own links (facets, pager) keep what it reads and nothing else.
        Assert.False(await CachedAsync("/tim-kiem?q=gom&utm_source=zalo"));
        var (_, searchBody, _) = await Html.GetAsync(_reader, "/tim-kiem?q=gom");
        Assert.DoesNotContain("utm_source", searchBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_staff_never_get_a_cached_page_and_never_store_one()
    {
        var editor = await StaffClient.SignedInAsync(_site, "bien-tap@example.vn", PortalRoles.Editor);
        editor.DefaultRequestHeaders.UserAgent.ParseAdd(Browser);
        Assert.False(await CachedAsync("/lang-nghe/gom-binh-duc")); // an anonymous reader fills the cache
        using (var staff = await editor.GetAsync("/lang-nghe/gom-binh-duc"))
        {
            Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
            Assert.False(staff.Headers.Contains("Age"), "staff were served the cached copy");
        }

        // Staff first on a page nobody has asked for: what they were shown is not kept for readers.
        using (var staff = await editor.GetAsync("/san-pham?sao=5")) Assert.False(staff.Headers.Contains("Age"));
        Assert.False(await CachedAsync("/san-pham?sao=5"));
        Assert.True(await CachedAsync("/san-pham?sao=5"));
    }

    [Fact]
    public async Task A_revisit_with_the_pages_etag_gets_304_until_an_edit_changes_the_page()
    {
        var news = "/tin-tuc/" + await SlugAsync(ContentKind.News);
        using var first = await _reader.GetAsync(news);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.True(etag.IsWeak); // the live figures differ between responses of the same copy

        using var revisit = new HttpRequestMessage(HttpMethod.Get, news);
        revisit.Headers.IfNoneMatch.Add(etag);
        using var notModified = await _reader.SendAsync(revisit);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        int id = 0;
        await _site.WithDbAsync(async db => id = await db.ContentItems.Where(x => ("/tin-tuc/" + x.Slug) == news).Select(x => x.Id).SingleAsync());
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var item = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Id == id);
            item.Title += " (đã cập nhật)";
            Assert.IsType<SaveOutcome.Saved>(await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(item, id, item.Version, "bien-tap@example.vn"));
        }
        using var again = new HttpRequestMessage(HttpMethod.Get, news);
        again.Headers.IfNoneMatch.Add(etag);
        using var changed = await _reader.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("(đã cập nhật)", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static long Figure(AngleSharp.Html.Dom.IHtmlDocument page, string selector) =>
        long.Parse(page.QuerySelector(selector)!.TextContent.Trim().Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private static long Footer(AngleSharp.Html.Dom.IHtmlDocument page, string label)
    {
        var term = page.QuerySelectorAll(".traffic dt").Single(dt => dt.TextContent.Trim() == label);
        return long.Parse(term.NextElementSibling!.TextContent.Trim().Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> ViewAsync(string url, string ip)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Forwarded-For", ip);
        using var response = await _reader.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Age"), $"{url} should come from the cache");
        return Html.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Fifty_views_of_a_cached_article_show_exactly_fifty_more_on_the_next_response()
    {
        var article = "/tin-tuc/" + await SlugAsync(ContentKind.News);
        Assert.False(await CachedAsync(article)); // fills the cache (and counts as a view, from 127.0.0.1)
        var before = await ViewAsync(article, "203.0.113.200");
        var views = Figure(before, ".view-count");
        var visits = Footer(before, "Tổng lượt truy cập");
        var today = Footer(before, "Hôm nay");

        // 50 readers, each a first visit; halfway the counter writes what it holds, so the figures come from the
        // stored counts, the counts being written and those still in memory, and must add up across all three.
        var counter = _site.Services.GetRequiredService<TrafficCounter>();
        var shown = views;
        for (var i = 1; i <= 50; i++)
        {
            var page = await ViewAsync(article, $"198.51.100.{i}");
            if (i == 25) await counter.FlushAsync();
            // Exact while the site is quiet; under this burst (more than LiveFiguresSource.ExactReadsPerSecond
            // responses a second, with the other tests of the class) at most a second behind. Never backwards.
            var figure = Figure(page, ".view-count");
            Assert.InRange(figure, shown, views + i);
            shown = figure;
        }

        // Counted up to one second before: a second on, the next response shows every view.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var after = await ViewAsync(article, "203.0.113.201");
        Assert.Equal(views + 1 + 50, Figure(after, ".view-count")); // "before" itself, then the 50
        Assert.Equal(visits + 1 + 50, Footer(after, "Tổng lượt truy cập"));
        Assert.Equal(today + 1 + 50, Footer(after, "Hôm nay"));
        await counter.FlushAsync();
        await _site.WithDbAsync(async db =>
        {
            var id = await db.ContentItems.Where(x => ("/tin-tuc/" + x.Slug) == article).Select(x => x.Id).SingleAsync();
            Assert.Equal(views + 1 + 50 + 1, await db.ItemViewCounts.Where(v => v.ContentItemId == id).Select(v => v.Views).SingleAsync());
        });
    }

    [Fact]
    public async Task A_figure_marker_typed_into_an_article_is_shown_as_text_not_replaced()
    {
        await using (var scope = _site.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(new ContentItem
            {
                Kind = ContentKind.News, Slug = "thu-chen-so-lieu", Title = "Thử chèn <!--live:total--> vào tiêu đề", Summary = "<!--live:views-->",
                Body = "Đoạn có <!--live:online--> ở giữa.", Status = ContentStatus.Published, PublishedAtUtc = _site.Clock.GetUtcNow().UtcDateTime.AddHours(-1),
            }, null, 0, "bien-tap@example.vn");
            Assert.IsType<SaveOutcome.Saved>(outcome);
        }
        var (_, body, page) = await Html.GetAsync(_reader, "/tin-tuc/thu-chen-so-lieu");
        Assert.Contains("<!--live:total-->", page.QuerySelector("main h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<!--live:online-->", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--live:", body.Replace("&lt;!--live:", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_head_request_shows_no_internal_header_whether_or_not_views_are_counted(bool counting)
    {
        await using var site = counting ? null : new PortalFactory { Settings = { ["Portal:Traffic:Enabled"] = "false" } };
        var reader = site?.CreateReader() ?? _reader;
        var article = "/tin-tuc/" + await (site ?? _site).FirstPublishedSlugAsync(ContentKind.News);
        await reader.GetAsync(article);
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            using var response = await reader.SendAsync(new HttpRequestMessage(method, article));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (method == HttpMethod.Get) Assert.True(response.Headers.Contains("Age"), "GET should come from the cache"); // HEAD has entries of its own
            Assert.False(response.Headers.Contains(ServedItem.Header), $"{method} showed {ServedItem.Header}");
        }
    }

    [Fact]
    public async Task A_cached_page_leaves_compressed_and_the_next_reader_gets_the_same_bytes_until_a_figure_moves()
    {
        Assert.False(await CachedAsync("/lang-nghe"));

        async Task<(byte[] Body, string Html)> ReadAsync(string encoding, string ip)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/lang-nghe");
            if (encoding.Length > 0) request.Headers.AcceptEncoding.ParseAdd(encoding);
            request.Headers.Add("X-Forwarded-For", ip);
            using var response = await _reader.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.Contains("Age"));
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Equal(encoding.Length > 0 ? [encoding] : Array.Empty<string>(), response.Content.Headers.ContentEncoding.ToArray());
            using var raw = new MemoryStream(body);
            using Stream decoded = encoding switch
            {
                "br" => new System.IO.Compression.BrotliStream(raw, System.IO.Compression.CompressionMode.Decompress),
                "gzip" => new System.IO.Compression.GZipStream(raw, System.IO.Compression.CompressionMode.Decompress),
                _ => raw,
            };
            using var text = new StreamReader(decoded, System.Text.Encoding.UTF8);
            var html = await text.ReadToEndAsync();
            Assert.Contains("</html>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<!--live:", html, StringComparison.Ordinal);
            return (body, html);
        }

        await ReadAsync("br", "203.0.113.60"); // a response shows the views before its own
        var first = await ReadAsync("br", "203.0.113.60");
        var again = await ReadAsync("br", "203.0.113.60"); // the same visitor: no figure moves
        Assert.Equal(first.Html, again.Html);
        Assert.Equal(first.Body, again.Body);

        await ReadAsync("br", "203.0.113.61"); // a new visitor: one more visit, shown from the next response
        var other = await ReadAsync("br", "203.0.113.61");
        var total = Footer(Html.Parse(first.Html), "Tổng lượt truy cập");
        Assert.Equal(total + 1, Footer(Html.Parse(other.Html), "Tổng lượt truy cập"));
        Assert.NotEqual(first.Body, other.Body);

        // The same visitor in other encodings reads the same page.
        Assert.Equal(other.Html, (await ReadAsync("gzip", "203.0.113.61")).Html);
        Assert.Equal(other.Html, (await ReadAsync("", "203.0.113.61")).Html);
    }
}
