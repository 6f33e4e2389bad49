using System.Net;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Pages;

/// <summary>The site as a reader's browser sees it, on a fresh SQLite file seeded from content/.</summary>
public sealed class PublicPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = factory.CreateReader();

    public static TheoryData<string, string> Pages => new()
    {
        { "/", "Bảo tồn và phát triển làng nghề Bình Thuận" },
        { "/tin-tuc", "Tin tức" },
        { "/tin-tuc?page=2", "Tin tức" },
        { "/tin-tuc/ke-hoach-3073-chin-muc-tieu-bao-ton-lang-nghe", "Bình Thuận đặt chín mục tiêu bảo tồn và phát triển làng nghề đến năm 2030" },
        { "/thong-bao", "Thông báo" },
        { "/thong-bao/moi-cap-nhat-thong-tin-lang-nghe", "Mời các cơ sở, hộ làm nghề cập nhật thông tin làng nghề" },
        { "/chuong-trinh", "Chương trình, kế hoạch" },
        { "/chuong-trinh/ke-hoach-3073", "Kế hoạch 3073/KH-UBND – Chương trình bảo tồn và phát triển làng nghề tỉnh Bình Thuận giai đoạn 2021–2030" },
        { "/van-ban", "Văn bản" },
        { "/van-ban/801-qd-ttg", "Phê duyệt Chương trình bảo tồn và phát triển làng nghề Việt Nam giai đoạn 2021–2030" },
        { "/gioi-thieu", "Giới thiệu" },
        { "/lien-he", "Liên hệ" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_public_page_is_Vietnamese_html_with_landmarks(string url, string heading)
    {
        var (response, body, document) = await Html.GetAsync(_client, url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("vi", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(heading, document.QuerySelector("h1")?.TextContent.Trim());
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.DoesNotContain("&#x", body, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("header"));
        Assert.NotNull(document.QuerySelector("nav[aria-label]"));
        Assert.NotNull(document.QuerySelector("main#noi-dung"));
        Assert.NotNull(document.QuerySelector("footer address"));
        Assert.Equal("#noi-dung", document.QuerySelector("a.skip-link")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/tin-tuc/khong-co-bai-nay")]
    [InlineData("/thong-bao/khong-co")]
    [InlineData("/chuong-trinh/khong-co")]
    [InlineData("/van-ban/khong-co")]
    [InlineData("/van-ban/khong-co/tai-ve")]
    [InlineData("/trang-khong-ton-tai")]
    [InlineData("/tin-tuc/thong-bao/qua/nhieu/cap")]
    [InlineData("/thong-bao/ke-hoach-3073-chin-muc-tieu-bao-ton-lang-nghe")]
    public async Task Unknown_slug_returns_a_Vietnamese_404_page(string url)
    {
        var (response, body, document) = await Html.GetAsync(_client, url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Không tìm thấy trang", document.QuerySelector("h1")?.TextContent);
        Assert.Equal("vi", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("/", document.QuerySelector("main a[href='/']")?.GetAttribute("href"));
        Assert.DoesNotContain("&#x", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/trang-khong-ton-tai", "trang khong ton tai")]
    [InlineData("/lang-nghe/gom-bau-truc", "gom bau truc")]
    [InlineData("/san-pham/khong-co/hoi-mua", "hoi mua")]
    [InlineData("/tin-tuc/%3Cscript%3E", "")]
    public async Task The_404_page_offers_the_main_sections_and_a_search_box(string url, string words)
    {
        var (response, _, document) = await Html.GetAsync(_client, url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("vi", document.DocumentElement.GetAttribute("lang"));
        Assert.Single(document.QuerySelectorAll("h1"));
        var links = document.QuerySelectorAll("main a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        foreach (var section in new[]
                 {
                     ("Tin tức", "/tin-tuc"), ("Thông báo", "/thong-bao"), ("Làng nghề", "/lang-nghe"), ("Sản phẩm OCOP", "/san-pham"), ("Điểm đến", "/diem-den"),
                     ("Tuyến du lịch", "/tuyen-du-lich"), ("Văn bản", "/van-ban"), ("Chương trình", "/chuong-trinh"),
                 })
            Assert.Contains(section, links);
        foreach (var (_, href) in links) Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(href)).StatusCode); // the real routes

        var form = document.QuerySelector("main form[role=search]")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/tim-kiem", form.GetAttribute("action"));
        var input = form.QuerySelector("input[name=q]")!;
        Assert.False(string.IsNullOrWhiteSpace(form.QuerySelector($"label[for='{input.Id}']")?.TextContent));
        Assert.Equal(words, input.GetAttribute("value") ?? "");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/tim-kiem?q=" + Uri.EscapeDataString(words))).StatusCode);
    }

    [Fact]
    public async Task Other_methods_get_a_Vietnamese_error_page_not_a_blank_one()
    {
        var delete = await _client.DeleteAsync("/van-ban/3073-kh-ubnd/tai-ve");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal("Thao tác không được hỗ trợ", Html.Parse(await delete.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);

        var post = await _client.PostAsync("/tin-tuc", new FormUrlEncodedContent([KeyValuePair.Create("x", "y")]));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal("Yêu cầu không hợp lệ", Html.Parse(await post.Content.ReadAsStringAsync()).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task Error_page_opened_directly_is_not_a_server_error()
    {
        var response = await _client.GetAsync("/loi/500");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Home_lists_latest_news_announcements_plan_and_documents()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/");

        var news = document.QuerySelectorAll("#tin-moi ~ .item-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(6, news.Count);
        // Latest by the date of the event or source: the portal's own October 2026 feature, then the January 2026 proposal.
        Assert.Equal(["/tin-tuc/lang-banh-trang-phu-long-huong-toi-nhan-hieu-tap-the", "/tin-tuc/nuoc-mam-phan-thiet-de-xuat-di-san-quoc-gia"], news[..2]);
        Assert.NotEmpty(document.QuerySelectorAll("#thong-bao-moi ~ .item-list a"));
        Assert.Equal("/chuong-trinh/ke-hoach-3073", document.QuerySelector("#ke-hoach ~ p a")?.GetAttribute("href"));
        Assert.Contains(document.QuerySelectorAll(".doc-list a"), a => a.TextContent.Contains("801/QĐ-TTg", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Article_shows_date_views_source_print_button_and_other_news()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc");

        var time = document.QuerySelector(".article-header time")!;
        Assert.Equal("15/11/2024", time.TextContent); // the ceremony's day, not the day it was entered
        Assert.Equal("2024-11-15T01:00:00Z", time.GetAttribute("datetime"));
        Assert.Contains("Lượt xem:", document.QuerySelector(".article-header .meta")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("button[data-print]"));
        Assert.Contains(document.QuerySelectorAll(".sources a"), a => a.GetAttribute("href")!.StartsWith("https://phanhiep.bacbinh.binhthuan.gov.vn/", StringComparison.Ordinal));
        Assert.NotNull(document.QuerySelector(".prose table"));

        var others = document.QuerySelectorAll("#tin-khac .item-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(5, others.Count);
        Assert.DoesNotContain("/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc", others);
        Assert.All(others, href => Assert.StartsWith("/tin-tuc/", href, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_page_lists_nine_numbered_targets_and_tasks_with_agencies()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/chuong-trinh/ke-hoach-3073");

        var targets = document.QuerySelectorAll("ol.targets > li");
        Assert.Equal(9, targets.Length);
        Assert.Equal(Enumerable.Range(1, 9).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), targets.Select(li => li.GetAttribute("value")));
        Assert.Contains("50%", targets[4].QuerySelector(".target-value")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tỷ lệ làng nghề có sản phẩm OCOP", targets[4].TextContent, StringComparison.Ordinal);

        var tasks = document.QuerySelectorAll("#nhiem-vu ~ .table-scroll tbody tr");
        Assert.Equal(4, tasks.Length);
        Assert.All(tasks, row => Assert.False(string.IsNullOrWhiteSpace(row.Children[2].TextContent)));

        Assert.Equal("/van-ban/801-qd-ttg", document.QuerySelector(".facts a[href='/van-ban/801-qd-ttg']")?.GetAttribute("href"));
        Assert.Equal("/van-ban/3073-kh-ubnd", document.QuerySelector(".facts a[href='/van-ban/3073-kh-ubnd']")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Document_page_shows_its_facts_and_a_downloadable_attachment()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/van-ban/52-2018-nd-cp");
        var facts = document.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains("52/2018/NĐ-CP", facts, StringComparison.Ordinal);
        Assert.Contains("Chính phủ", facts, StringComparison.Ordinal);
        Assert.Contains("12/04/2018", facts, StringComparison.Ordinal);
        var link = document.QuerySelector("a[download]")!.GetAttribute("href");
        Assert.Equal("/van-ban/52-2018-nd-cp/tai-ve", link);

        var file = await _client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("52-2018-nd-cp-tom-tat.txt", file.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("NGHỊ ĐỊNH SỐ 52/2018/NĐ-CP", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        var response = await _client.GetAsync("/");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Static_assets_are_served_from_the_web_root_with_cache_headers()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/");
        var css = document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        // Every stylesheet and script is addressed by its content, so a year's caching never serves an old copy.
        foreach (var asset in document.QuerySelectorAll("link[rel=stylesheet], script[src]"))
            Assert.Matches(@"^/(css|js)/[a-z-]+\.(css|js)\?v=[A-Za-z0-9_-]{43}$", asset.GetAttribute("href") ?? asset.GetAttribute("src"));
        var response = await _client.GetAsync(css);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/robots.txt")).StatusCode);
    }

    [Fact]
    public async Task Health_endpoint_reports_healthy()
    {
        var response = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        var search = checks.GetProperty("search").GetProperty("data");
        Assert.Equal(search.GetProperty("database").GetInt32(), search.GetProperty("indexed").GetInt32());
        Assert.True(checks.GetProperty("disk").GetProperty("data").GetProperty("freeBytes").GetInt64() > 0);
    }
}
