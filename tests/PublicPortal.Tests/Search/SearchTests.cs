using System.Net;
using System.Text.Json;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Search;

/// <summary>Vietnamese full-text search on the seed content, through /tim-kiem as a reader uses it.</summary>
public sealed class SearchTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = factory.CreateReader();

    private async Task<List<string>> TopAsync(string query, int take = 3)
    {
        var (response, _, document) = await Html.GetAsync(_client, "/tim-kiem?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return document.QuerySelectorAll("ol.results h3 a").Select(a => a.GetAttribute("href")!).Take(take).ToList();
    }

    [Theory]
    [InlineData("lang nghe gom", "/lang-nghe/gom-binh-duc")]
    [InlineData("làng gốm Bình Đức", "/lang-nghe/gom-binh-duc")]
    [InlineData("gom cham", "/san-pham/gom-cham-son-hoa")]
    [InlineData("banh trang phu long", "/lang-nghe/banh-trang-phu-long")]
    [InlineData("bánh tráng Chợ Lầu", "/lang-nghe/banh-trang-cho-lau")]
    [InlineData("nuoc mam", "/lang-nghe/nuoc-mam-phan-thiet")]
    [InlineData("nước mắm Phan Thiết di sản", "/tin-tuc/nuoc-mam-phan-thiet-de-xuat-di-san-quoc-gia")]
    [InlineData("thanh lonh", "/san-pham/nuoc-ep-thanh-long-bao-long")]
    [InlineData("3073/KH-UBND", "/van-ban/3073-kh-ubnd")]
    [InlineData("801/QĐ-TTg", "/van-ban/801-qd-ttg")]
    [InlineData("52/2018/ND-CP", "/van-ban/52-2018-nd-cp")]
    [InlineData("Hải Nam Okinawa", "/san-pham/rong-nho-tuoi-hai-nam-okinawa")]
    [InlineData("TaFa Viet", "/san-pham/trung-ga-tuoi-tafa")]
    [InlineData("unesco gom cham", "/tin-tuc/gom-cham-vao-danh-sach-unesco-can-bao-ve-khan-cap")]
    [InlineData("det tho cam phan hoa", "/lang-nghe/det-tho-cam-phan-hoa")]
    [InlineData("thổ cẩm La Dạ", "/lang-nghe/det-tho-cam-la-da")]
    [InlineData("thap po sah inu", "/diem-den/thap-po-sah-inu")]
    [InlineData("bau trang", "/diem-den/bau-trang")]
    [InlineData("hanh trinh xanh", "/tuyen-du-lich/hanh-trinh-xanh-2023")]
    [InlineData("khao sat du lich lang nghe am thuc", "/tin-tuc/khao-sat-tuyen-du-lich-lang-nghe-va-am-thuc-6-2024")]
    [InlineData("muoi tan thuan", "/lang-nghe/muoi-tan-thuan")]
    [InlineData("may tre dan dong ha thu hoi", "/lang-nghe/may-tre-dan-dong-ha")]
    [InlineData("OCOP 36 thang", "/thong-bao/han-hieu-luc-chung-nhan-ocop-36-thang")]
    [InlineData("gioi thieu cong thong tin", "/gioi-thieu")]
    [InlineData("dinh van thuy tu ca voi", "/diem-den/dinh-van-thuy-tu")]
    [InlineData("Kế hoạch 3073 chín mục tiêu", "/tin-tuc/ke-hoach-3073-chin-muc-tieu-bao-ton-lang-nghe")]
    [InlineData("lam dong hop nhat", "/tin-tuc/hop-nhat-tinh-lam-dong-tu-1-7-2025")]
    [InlineData("bo mot nang", "/san-pham/bo-mot-nang-phan-hoa")]
    public async Task Expected_item_is_in_the_top_3(string query, string expected) =>
        Assert.Contains(expected, await TopAsync(query));

    [Fact]
    public async Task A_query_with_diacritics_ranks_exact_diacritics_first()
    {
        // "đường" (street) and "dương" fold to the same "duong"; typed with its marks, "đường" must come first.
        var (_, _, document) = await Html.GetAsync(_client, "/tim-kiem?q=" + Uri.EscapeDataString("đường"));
        var first = document.QuerySelector("ol.results .snippet")!.InnerHtml;
        Assert.Contains("<mark>đường</mark>", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snippets_mark_the_accented_words_and_stay_html_encoded()
    {
        var (_, body, document) = await Html.GetAsync(_client, "/tim-kiem?q=gom");
        Assert.Contains(document.QuerySelectorAll("ol.results mark"), m => m.TextContent == "gốm");
        Assert.DoesNotContain("&#", string.Concat(document.QuerySelectorAll("ol.results .snippet").Select(s => s.InnerHtml)), StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typo_gets_a_did_you_mean_from_the_index()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/tim-kiem?q=" + Uri.EscapeDataString("thanh lonh"));
        var link = document.QuerySelector(".notice a")!;
        Assert.Equal("thanh long", link.TextContent);
        Assert.Equal("/tim-kiem?q=thanh%20long", link.GetAttribute("href"));
    }

    [Fact]
    public async Task A_typo_shows_the_results_of_its_correction_with_a_link_to_the_words_as_typed()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/tim-kiem?q=" + Uri.EscapeDataString("thanh lonh"));

        var heading = document.QuerySelector("#ket-qua-tim")!.TextContent;
        Assert.EndsWith("cho “thanh long”", heading, StringComparison.Ordinal);
        Assert.DoesNotContain("gần đúng", heading, StringComparison.Ordinal);
        // Every hit is one for "thanh long": only those two words are marked, no "linh", "lanh" or "long" alone.
        var results = document.QuerySelectorAll("ol.results article");
        Assert.NotEmpty(results);
        Assert.All(results, r =>
        {
            var marked = r.QuerySelectorAll("mark").Select(m => PublicPortal.Web.Features.Content.VietnameseText.Fold(m.TextContent).ToLowerInvariant()).ToHashSet();
            Assert.Subset(new HashSet<string> { "thanh", "long" }, marked);
        });
        Assert.Contains("/san-pham/nuoc-ep-thanh-long-bao-long", results.Select(r => r.QuerySelector("h3 a")!.GetAttribute("href")));

        var asTyped = document.QuerySelector(".notice a.as-typed")!;
        Assert.Equal("Tìm chính xác: thanh lonh", asTyped.TextContent);
        var (response, _, exact) = await Html.GetAsync(_client, asTyped.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("thanh lonh", exact.QuerySelector("#q")!.GetAttribute("value"));
        Assert.EndsWith("cho “thanh lonh”", exact.QuerySelector("#ket-qua-tim")!.TextContent, StringComparison.Ordinal);
        Assert.Null(exact.QuerySelector(".notice a.as-typed"));
        Assert.Equal("thanh long", exact.QuerySelector(".notice a")!.TextContent); // the correction is still offered
        Assert.DoesNotContain(exact.QuerySelectorAll("ol.results mark"), m => m.TextContent.Equals("long", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Facets_count_by_type_and_filter()
    {
        var (_, _, all) = await Html.GetAsync(_client, "/tim-kiem?q=gom");
        var villages = all.QuerySelectorAll(".search-facets a").Single(a => a.TextContent.StartsWith("Làng nghề", StringComparison.Ordinal));
        var count = int.Parse(System.Text.RegularExpressions.Regex.Match(villages.TextContent, @"\((\d+)\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var (_, _, filtered) = await Html.GetAsync(_client, villages.GetAttribute("href")!);
        var hits = filtered.QuerySelectorAll("ol.results h3 a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(count, hits.Count);
        Assert.All(hits, h => Assert.StartsWith("/lang-nghe/", h, StringComparison.Ordinal));
        Assert.Contains("/lang-nghe/gom-binh-duc", hits);
    }

    [Fact]
    public async Task District_facet_narrows_to_that_district()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/tim-kiem?q=" + Uri.EscapeDataString("thổ cẩm") + "&huyen=huyen-bac-binh");
        var hits = document.QuerySelectorAll("ol.results h3 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/lang-nghe/det-tho-cam-phan-hoa", hits);
        Assert.DoesNotContain("/lang-nghe/det-tho-cam-la-da", hits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"unbalanced")]
    [InlineData("title:(gom OR ) AND -- ~~ ** ?? [a TO }")]
    [InlineData("và của là những")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("%00%ff")]
    [InlineData("\\\\ // && || ! ( ) { } [ ] ^ \" ~ * ? : /")]
    public async Task Any_query_string_is_a_normal_page(string query)
    {
        var (response, body, _) = await Html.GetAsync(_client, "/tim-kiem?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ten_thousand_character_query_is_a_normal_page()
    {
        var response = await _client.GetAsync("/tim-kiem?q=" + Uri.EscapeDataString(string.Join(' ', Enumerable.Repeat("gốm", 2500))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/tim-kiem?q=gom&page=abc", HttpStatusCode.BadRequest)]
    [InlineData("/tim-kiem?q=gom&page=999", HttpStatusCode.BadRequest)]
    [InlineData("/tim-kiem?q=gom&page=50", HttpStatusCode.NotFound)]
    [InlineData("/tim-kiem?q=gom&loai=khong-co", HttpStatusCode.OK)]
    public async Task Bad_paging_and_facet_values_never_fail(string url, HttpStatusCode status) =>
        Assert.Equal(status, (await _client.GetAsync(url)).StatusCode);

    [Fact]
    public async Task Results_paginate()
    {
        var (_, _, first) = await Html.GetAsync(_client, "/tim-kiem?q=nghe");
        var (_, _, second) = await Html.GetAsync(_client, "/tim-kiem?q=nghe&page=2");
        var a = first.QuerySelectorAll("ol.results h3 a").Select(x => x.GetAttribute("href")).ToList();
        var b = second.QuerySelectorAll("ol.results h3 a").Select(x => x.GetAttribute("href")).ToList();
        Assert.Equal(10, a.Count);
        Assert.NotEmpty(b);
        Assert.Empty(a.Intersect(b));
        Assert.Equal("11", second.QuerySelector("ol.results")!.GetAttribute("start"));
    }

    [Theory]
    [InlineData("lang ng", "Làng")]
    [InlineData("banh tr", "bánh tráng")]
    [InlineData("Thap Po", "Tháp Pô Sah Inư")]
    public async Task Suggest_returns_up_to_8_titles_by_folded_prefix(string prefix, string expected)
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/api/search/suggest?q=" + Uri.EscapeDataString(prefix)));
        var titles = json.RootElement.EnumerateArray().Select(e => e.GetProperty("title").GetString()!).ToList();
        Assert.InRange(titles.Count, 1, 8);
        Assert.Contains(titles, t => t.Contains(expected, StringComparison.OrdinalIgnoreCase));
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.StartsWith("/", e.GetProperty("url").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("thanh lonh", "Nước ép thanh long Bảo Long")]
    [InlineData("nuoc ep thnah", "Nước ép thanh long Bảo Long")]
    [InlineData("gom chma", "Gốm Chăm Sơn Hòa")]
    [InlineData("thpa po", "Tháp Pô Sah Inư")]
    public async Task Suggest_tolerates_one_typo_per_word(string typed, string expected)
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/api/search/suggest?q=" + Uri.EscapeDataString(typed)));
        var titles = json.RootElement.EnumerateArray().Select(e => e.GetProperty("title").GetString()!).ToList();
        Assert.InRange(titles.Count, 1, 8);
        Assert.Contains(expected, titles);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("\"(")]
    public async Task Suggest_with_too_little_to_go_on_is_an_empty_list(string prefix)
    {
        var response = await _client.GetAsync("/api/search/suggest?q=" + Uri.EscapeDataString(prefix));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync());
    }
}
