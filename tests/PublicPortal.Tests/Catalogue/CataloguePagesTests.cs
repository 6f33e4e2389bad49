using System.Net;
using System.Text.Json;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Catalogue;

public sealed class CataloguePagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = factory.CreateReader();

    private async Task<List<string>> VillagesAsync(string query)
    {
        var (response, _, document) = await Html.GetAsync(_client, "/lang-nghe" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return document.QuerySelectorAll(".cards h3 a").Select(a => a.GetAttribute("href")!.Replace("/lang-nghe/", "")).ToList();
    }

    private async Task<List<string>> ProductsAsync(string query)
    {
        var (response, _, document) = await Html.GetAsync(_client, "/san-pham" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return document.QuerySelectorAll(".cards h3 a").Select(a => a.GetAttribute("href")!.Replace("/san-pham/", "")).ToList();
    }

    [Fact]
    public async Task Every_village_and_craft_of_the_facts_is_listed() =>
        Assert.Equal(
            ["banh-trang-cho-lau", "banh-trang-phu-long", "det-tho-cam-la-da", "det-tho-cam-phan-hoa", "det-tho-cam-phan-thanh",
             "gom-binh-duc", "may-tre-dan-dong-ha", "muoi-tan-thuan", "nuoc-mam-phan-thiet"],
            (await VillagesAsync("")).Order());

    [Theory]
    [InlineData("?huyen=huyen-bac-binh", "banh-trang-cho-lau det-tho-cam-phan-hoa det-tho-cam-phan-thanh gom-binh-duc")]
    [InlineData("?nghe=det-tho-cam", "det-tho-cam-la-da det-tho-cam-phan-hoa det-tho-cam-phan-thanh")]
    [InlineData("?loai=lang-nghe", "banh-trang-cho-lau banh-trang-phu-long gom-binh-duc may-tre-dan-dong-ha")]
    [InlineData("?tinh-trang=thu-hoi", "may-tre-dan-dong-ha")]
    [InlineData("?tinh-trang=tam-ngung", "det-tho-cam-la-da det-tho-cam-phan-thanh")]
    [InlineData("?ocop=1", "gom-binh-duc")]
    [InlineData("?du-lich=1", "banh-trang-cho-lau banh-trang-phu-long gom-binh-duc nuoc-mam-phan-thiet")]
    [InlineData("?huyen=huyen-bac-binh&nghe=det-tho-cam", "det-tho-cam-phan-hoa det-tho-cam-phan-thanh")]
    [InlineData("?huyen=huyen-bac-binh&du-lich=1&loai=lang-nghe", "banh-trang-cho-lau gom-binh-duc")]
    public async Task Village_filters_work_alone_and_combined(string query, string expected) =>
        Assert.Equal(expected.Split(' '), (await VillagesAsync(query)).Order());

    [Fact]
    public async Task Filter_options_show_counts_under_the_other_filters()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/lang-nghe?huyen=huyen-bac-binh");
        Assert.Equal("Dệt thổ cẩm (2)", document.QuerySelector("#nghe option[value=det-tho-cam]")!.TextContent);
        Assert.Equal("Làm gốm (1)", document.QuerySelector("#nghe option[value=gom]")!.TextContent);
        Assert.Equal("selected", document.QuerySelector("#huyen option[value=huyen-bac-binh]")!.GetAttribute("selected"));
        Assert.StartsWith("4 / 9", document.QuerySelector(".result-count")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// The number beside every option is the number of results a reader gets by choosing it, whatever else is chosen:
    /// each option of each facet followed, on product and village lists, with and without other filters.
    /// </summary>
    [Theory]
    [InlineData("/san-pham", "")]
    [InlineData("/san-pham", "sao=4")]
    [InlineData("/san-pham", "sao=4&con-hieu-luc=1")]
    [InlineData("/san-pham", "huyen=huyen-bac-binh&nhom=1")]
    [InlineData("/lang-nghe", "")]
    [InlineData("/lang-nghe", "ocop=1&du-lich=1")]
    [InlineData("/lang-nghe", "huyen=huyen-bac-binh&loai=lang-nghe")]
    public async Task Every_option_count_is_what_choosing_it_gives(string list, string query)
    {
        static int Results(AngleSharp.Html.Dom.IHtmlDocument page) =>
            int.Parse(page.QuerySelector(".result-count")!.TextContent.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        static string With(string query, string key, string value) =>
            string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith(key + "=", StringComparison.Ordinal)).Append($"{key}={value}"));
        var (_, _, page) = await Html.GetAsync(_client, $"{list}?{query}");
        var checkedOptions = 0;
        foreach (var select in page.QuerySelectorAll("form.facets select"))
        {
            var key = select.GetAttribute("name")!;
            if (key == "sap-xep") continue;
            foreach (var option in select.QuerySelectorAll("option").Where(o => o.GetAttribute("value") is { Length: > 0 }))
            {
                var shown = int.Parse(option.TextContent[(option.TextContent.LastIndexOf('(') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                var (_, _, chosen) = await Html.GetAsync(_client, $"{list}?{With(query, key, option.GetAttribute("value")!)}");
                Assert.True(shown == Results(chosen), $"{list}?{query}: {key}={option.GetAttribute("value")} says {shown}, gives {Results(chosen)}");
                checkedOptions++;
            }
        }
        foreach (var box in page.QuerySelectorAll("form.facets input[type=checkbox]"))
        {
            var label = box.ParentElement!.TextContent;
            var shown = int.Parse(label[(label.LastIndexOf('(') + 1)..label.LastIndexOf(')')], System.Globalization.CultureInfo.InvariantCulture);
            var (_, _, chosen) = await Html.GetAsync(_client, $"{list}?{With(query, box.GetAttribute("name")!, "1")}");
            Assert.True(shown == Results(chosen), $"{list}?{query}: {box.GetAttribute("name")} says {shown}, gives {Results(chosen)}");
            checkedOptions++;
        }
        Assert.True(checkedOptions >= 8, $"only {checkedOptions} options");
    }

    [Fact]
    public async Task No_match_says_so_and_offers_the_full_list()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/lang-nghe?huyen=huyen-bac-binh&tinh-trang=thu-hoi");
        Assert.Empty(document.QuerySelectorAll(".cards"));
        Assert.Contains("Không có làng nghề nào khớp", document.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector(".empty a[href='/lang-nghe']"));
    }

    [Theory]
    [InlineData("?huyen=khong-co&ocop=co&loai=%00&sap-xep=<script>")]
    [InlineData("?tinh-trang=" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task Bad_filter_values_are_ignored_with_a_notice(string query)
    {
        var (response, body, document) = await Html.GetAsync(_client, "/lang-nghe" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("không hợp lệ đã được bỏ qua", document.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(9, document.QuerySelectorAll(".cards h3").Length);
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Villages_sort_by_district()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/lang-nghe?sap-xep=huyen");
        var places = document.QuerySelectorAll(".cards .card").Select(card => card.QuerySelectorAll("p")[1].TextContent).ToList();
        Assert.Contains("Huyện Bắc Bình", places[0], StringComparison.Ordinal);
        Assert.Contains("Thành phố Phan Thiết", places[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?sao=5", 2)]
    [InlineData("?sao=4", 8)]
    [InlineData("?nhom=5", 1)]
    [InlineData("?lang=gom-binh-duc", 1)]
    [InlineData("?lang=nuoc-mam-phan-thiet", 2)]
    [InlineData("?huyen=huyen-duc-linh", 13)]
    [InlineData("?con-hieu-luc=1", 12)]
    [InlineData("?sao=4&huyen=thanh-pho-phan-thiet", 4)]
    [InlineData("?sao=3&huyen=huyen-duc-linh&con-hieu-luc=1", 10)]
    [InlineData("?sao=9&nhom=abc", 26)]
    public async Task Product_filters_work_alone_and_combined(string query, int count)
    {
        // The count says how many match; the first page shows up to Portal:CataloguePageSize (24) of them.
        var (_, _, document) = await Html.GetAsync(_client, "/san-pham" + query);
        Assert.StartsWith($"{count} / ", document.QuerySelector("#ket-qua")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(Math.Min(count, 24), (await ProductsAsync(query)).Count);
    }

    [Fact]
    public async Task An_expired_certificate_shows_as_expired_and_stops_counting()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/san-pham/rong-nho-tuoi-hai-nam-okinawa");
        Assert.Contains("Hết hiệu lực từ 20/01/2025 (ước tính)", document.QuerySelector(".article-header .badge")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("rong-nho-tuoi-hai-nam-okinawa", await ProductsAsync("?con-hieu-luc=1"));

        var (_, _, village) = await Html.GetAsync(_client, "/lang-nghe/nuoc-mam-phan-thiet");
        Assert.Contains("Hết hiệu lực", village.QuerySelector("#san-pham ~ ul")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Village_page_shows_facts_figures_products_routes_and_sources()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/lang-nghe/gom-binh-duc");
        var facts = document.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains("763/2007/QĐ-UBND", facts, StringComparison.Ordinal);
        Assert.Contains("Xã Phan Hiệp, Huyện Bắc Bình (nay: Xã Bắc Bình", facts, StringComparison.Ordinal);
        var position = document.QuerySelectorAll("dl.facts dt").First(dt => dt.TextContent == "Vị trí").NextElementSibling!.TextContent.Trim();
        Assert.StartsWith("đang cập nhật", position, StringComparison.Ordinal);
        var figures = document.QuerySelectorAll("#so-lieu ~ .table-scroll tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(figures, f => f.Contains("Số nghệ nhân", StringComparison.Ordinal) && f.Contains("57", StringComparison.Ordinal) && f.Contains("2024", StringComparison.Ordinal));
        Assert.Equal("/san-pham/gom-cham-son-hoa", document.QuerySelector("#san-pham ~ ul a")!.GetAttribute("href"));
        var routes = document.QuerySelectorAll("#tuyen ~ ul a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/tuyen-du-lich/mot-ngay-di-san-cham", routes);
        Assert.Contains("/tuyen-du-lich/tour-am-thuc-lang-nghe", routes);
        Assert.Contains("chưa tính được", document.QuerySelector("#gan-day ~ p")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(document.QuerySelectorAll(".sources a"));
    }

    [Fact]
    public async Task Nearby_sights_are_ordered_by_distance()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/diem-den/thap-po-sah-inu");
        var nearby = document.QuerySelectorAll("#gan-day ~ ul li").Select(li => li.TextContent).ToList();
        Assert.Contains("Lầu Ông Hoàng", nearby[0], StringComparison.Ordinal);
        var km = nearby.Select(text => double.Parse(System.Text.RegularExpressions.Regex.Match(text, @"khoảng ([\d,]+) km").Groups[1].Value.Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(km.Order(), km);
    }

    [Fact]
    public async Task Route_page_lists_stops_in_order_with_leg_and_total_distances()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/tuyen-du-lich/hanh-trinh-xanh-2023");
        Assert.Equal(["Làng chài Mũi Né", "Bàu Trắng", "Bảo tàng Làng Chài Xưa"], document.QuerySelectorAll("ol.stops h3").Select(h => h.TextContent));
        var legs = document.QuerySelectorAll("ol.stops .meta").Skip(1)
            .Select(m => double.Parse(System.Text.RegularExpressions.Regex.Match(m.TextContent, @"Từ điểm trước: khoảng ([\d,]+) km").Groups[1].Value.Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(2, legs.Count);
        // Mũi Né fishing village → Bàu Trắng ≈ 20.8 km, then → Làng Chài Xưa ≈ 31.4 km (haversine on the stored points, worked by hand).
        Assert.Equal(21, legs[0], 0);
        Assert.Equal(31, legs[1], 0);
        Assert.Contains("Khoảng 52 km", document.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/tuyen-du-lich/hanh-trinh-xanh-2023.gpx", document.QuerySelector("a[href$='.gpx']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_route_with_unlocated_stops_shows_no_total_made_from_the_known_legs()
    {
        // Bình Đức and Phan Hòa have no position: legs 1 → 2 and 2 → 3 are unknown; only Pô Sah Inư → Lầu Ông Hoàng is.
        var (_, _, document) = await Html.GetAsync(_client, "/tuyen-du-lich/mot-ngay-di-san-cham");
        var facts = document.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains("chưa tính được: 2 chặng chưa có vị trí (1 → 2, 2 → 3)", facts, StringComparison.Ordinal);
        Assert.DoesNotContain("Khoảng 0", facts, StringComparison.Ordinal);
        Assert.DoesNotContain("di chuyển khoảng", facts, StringComparison.Ordinal);
        Assert.Contains("2 điểm chưa có vị trí không có trong tệp", document.QuerySelector("#tai-ve ~ p.meta")!.TextContent, StringComparison.Ordinal);

        var (_, _, food) = await Html.GetAsync(_client, "/tuyen-du-lich/tour-am-thuc-lang-nghe");
        Assert.DoesNotContain("0 phút", food.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("chưa tính được: 4 chặng chưa có vị trí", food.QuerySelector("dl.facts")!.TextContent, StringComparison.Ordinal);

        var (_, _, list) = await Html.GetAsync(_client, "/tuyen-du-lich");
        var card = list.QuerySelectorAll(".card").Single(c => c.QuerySelector("a[href='/tuyen-du-lich/mot-ngay-di-san-cham']") is not null).TextContent;
        Assert.Contains("chưa tính được (2 chặng chưa có vị trí)", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Thời gian ước tính", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fully_located_route_rounds_its_estimate_to_five_minutes()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/tuyen-du-lich/hanh-trinh-xanh-2023");
        var time = document.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == "Thời gian ước tính").NextElementSibling!.TextContent;
        var travel = System.Text.RegularExpressions.Regex.Match(time, @"di chuyển khoảng (?:(\d+) giờ ?)?(?:(\d+) phút)?");
        Assert.True(travel.Success, time);
        var minutes = (travel.Groups[1].Success ? int.Parse(travel.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 60 : 0)
            + (travel.Groups[2].Success ? int.Parse(travel.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
        // 52.2 km × 1.3 at 40 km/h ≈ 102 minutes → 100.
        Assert.Equal(100, minutes);
    }

    [Fact]
    public async Task Gpx_and_GeoJson_say_how_many_stops_they_leave_out()
    {
        var gpx = System.Xml.Linq.XDocument.Parse(await _client.GetStringAsync("/tuyen-du-lich/mot-ngay-di-san-cham.gpx"));
        System.Xml.Linq.XNamespace ns = "http://www.topografix.com/GPX/1/1";
        var description = gpx.Root!.Element(ns + "metadata")!.Element(ns + "desc")!.Value;
        Assert.Contains("Tệp gồm 2/4 điểm dừng; 2 điểm chưa có vị trí nên không có trong tệp: 1. Làng gốm gọ Bình Đức; 2. Dệt thổ cẩm Chăm Phan Hòa.", description, StringComparison.Ordinal);

        using var json = System.Text.Json.JsonDocument.Parse(await _client.GetStringAsync("/tuyen-du-lich/mot-ngay-di-san-cham.geojson"));
        Assert.Equal(2, json.RootElement.GetProperty("stops_left_out").GetInt32());
        Assert.Contains("2 điểm chưa có vị trí", json.RootElement.GetProperty("description").GetString(), StringComparison.Ordinal);
        var line = json.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("geometry").GetProperty("type").GetString() == "LineString");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, line.GetProperty("properties").GetProperty("distance_km").ValueKind);

        var complete = System.Xml.Linq.XDocument.Parse(await _client.GetStringAsync("/tuyen-du-lich/hanh-trinh-xanh-2023.gpx"));
        Assert.EndsWith("Tệp gồm đủ 3 điểm dừng của tuyến.", complete.Root!.Element(ns + "metadata")!.Element(ns + "desc")!.Value, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> JsonLdPages => new()
    {
        { "/lang-nghe/gom-binh-duc", "TouristAttraction" },
        { "/diem-den/bau-trang", "TouristAttraction" },
        { "/san-pham/gom-cham-son-hoa", "Product" },
        { "/tuyen-du-lich/mot-ngay-di-san-cham", "TouristTrip" },
    };

    [Theory]
    [MemberData(nameof(JsonLdPages))]
    public async Task Pages_carry_schema_org_json_ld(string url, string type)
    {
        var (response, body, document) = await Html.GetAsync(_client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("&#x", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(document.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal(type, json.RootElement.GetProperty("@type").GetString());
        Assert.Equal(document.QuerySelector("h1")!.TextContent, json.RootElement.GetProperty("name").GetString());
        if (type == "TouristTrip")
            Assert.Equal(4, json.RootElement.GetProperty("itinerary").GetProperty("itemListElement").GetArrayLength());
    }

    [Theory]
    [InlineData("/lang-nghe/khong-co")]
    [InlineData("/san-pham/khong-co")]
    [InlineData("/san-pham/khong-co/hoi-mua")]
    [InlineData("/diem-den/khong-co")]
    [InlineData("/tuyen-du-lich/khong-co")]
    [InlineData("/tuyen-du-lich/khong-co.gpx")]
    [InlineData("/tuyen-du-lich/khong-co.geojson")]
    [InlineData("/lang-nghe/phan-hiep")]
    public async Task Unknown_catalogue_slugs_are_404(string url) =>
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(url)).StatusCode);

    [Fact]
    public async Task Map_points_are_a_safe_data_block_and_places_are_listed_without_JavaScript()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/diem-den");
        using var points = JsonDocument.Parse(document.QuerySelector("script[data-map-points]")!.TextContent);
        Assert.Equal(10, points.RootElement.GetArrayLength());
        Assert.NotNull(document.QuerySelector("[data-map][hidden]"));
        Assert.Equal(10, document.QuerySelectorAll(".cards .meta").Count(m => m.TextContent.Contains("Vị trí: khoảng", StringComparison.Ordinal) || m.TextContent.Contains("Vị trí: 10.", StringComparison.Ordinal)));
    }
}
