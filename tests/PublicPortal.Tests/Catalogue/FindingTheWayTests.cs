using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Tests.Catalogue;

/// <summary>A tourist on a place's page can get there: directions to a known point, a map search where none is known yet.</summary>
public sealed class FindingTheWayTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = factory.CreateReader();

    [Fact]
    public async Task A_village_without_a_position_links_a_map_search_for_its_commune()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/lang-nghe/gom-binh-duc");
        var position = document.QuerySelectorAll("dl.facts dt").First(dt => dt.TextContent == "Vị trí").NextElementSibling!;
        Assert.StartsWith("đang cập nhật", position.TextContent.Trim(), StringComparison.Ordinal);
        var link = position.QuerySelector("a.map-link")!;
        Assert.StartsWith("Tìm trên bản đồ", link.TextContent, StringComparison.Ordinal);
        var href = new Uri(link.GetAttribute("href")!);
        Assert.Equal("https://www.openstreetmap.org/search", href.GetLeftPart(UriPartial.Path));
        Assert.Equal("Phan Hiệp, Bắc Bình, Bình Thuận", Uri.UnescapeDataString(href.Query["?query=".Length..]));
        Assert.Null(position.QuerySelector("a[href*='directions']")); // no directions to a point nobody has sourced
    }

    [Fact]
    public async Task A_sight_with_a_position_links_directions_to_that_point()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/diem-den/thap-po-sah-inu");
        var link = document.QuerySelectorAll("dl.facts a.map-link").Single();
        Assert.StartsWith("Chỉ đường", link.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://www.openstreetmap.org/directions?route=%3B10.936%2C108.146", link.GetAttribute("href"));
    }

    [Fact]
    public async Task Every_stop_of_a_route_has_a_way_to_find_it()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/tuyen-du-lich/mot-ngay-di-san-cham");
        var stops = document.QuerySelectorAll("ol.stops > li").ToList();
        Assert.Equal(4, stops.Count);
        Assert.All(stops, s => Assert.NotNull(s.QuerySelector("a.map-link[href^='https://www.openstreetmap.org/']")));
        Assert.StartsWith("Tìm trên bản đồ", stops[0].QuerySelector("a.map-link")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Chỉ đường", stops[2].QuerySelector("a.map-link")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/diem-den/thap-po-sah-inu", "Giờ mở cửa", "7:00–17:00 (tham khảo theo ilaca.vn")]
    [InlineData("/diem-den/bao-tang-lang-chai-xua", "Giá vé", "100.000 đ mỗi người lớn")]
    [InlineData("/diem-den/nui-ta-cu", "Giá vé", "năm 2020; cần xác minh")]
    [InlineData("/diem-den/dao-phu-quy", "Đi lại", "4 tàu của 3 hãng, khoảng 2,5 giờ, giá 370.000–400.000 đ (tham khảo theo Báo Sài Gòn Giải Phóng, tháng 01/2026")]
    public async Task Sights_show_visiting_information_as_reference_figures_with_year_and_source(string url, string label, string expected)
    {
        var (_, _, document) = await Html.GetAsync(_client, url);
        var value = document.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == label).NextElementSibling!.TextContent;
        Assert.Contains(expected, value, StringComparison.Ordinal);
        Assert.Contains("hãy xác minh trước khi đi", document.QuerySelector(".visiting-note")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(document.QuerySelectorAll(".sources a"));
    }
}

/// <summary>Editors close the gap: a position set in the form (or by clicking the map, which fills the same fields).</summary>
public sealed class PositionEditorTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task An_editor_sets_a_village_position_and_the_page_gives_directions_then_can_remove_it()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "vitri@example.vn", PortalRoles.Editor);
        int id = 0;
        await _factory.WithDbAsync(async db => id = (await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Village && x.Slug == "gom-binh-duc")).Id);
        var url = $"/quan-tri/noi-dung/sua/{id}";
        var (_, _, page) = await Html.GetAsync(editor, url);
        Assert.NotNull(page.QuerySelector("[data-position-picker] input[name=Latitude]"));
        Assert.NotNull(page.QuerySelector("[data-position-picker] input[name=PositionApproximate][type=checkbox]"));
        var fields = await StaffClient.EditFormAsync(editor, url);
        Assert.Equal("", fields["Latitude"]);
        Assert.False(fields.ContainsKey("Extra")); // the position has its own fields; nothing is typed as YAML

        // A half-filled or out-of-range position is refused with the reason, and nothing is stored.
        fields["Latitude"] = "11,21";
        fields["Longitude"] = "";
        var refused = await editor.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Hãy nhập cả vĩ độ và kinh độ", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        fields["Longitude"] = "408,5";
        refused = await editor.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.Contains("Kinh độ phải là số thập phân từ -180 đến 180", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await _factory.WithDbAsync(async db => Assert.Null((await db.ContentItems.SingleAsync(x => x.Id == id)).Village!.Location));

        // A comma decimal (as Vietnamese writes it), marked approximate. (Test values, not the village's real position.)
        fields["Latitude"] = "11,2";
        fields["Longitude"] = "108,5";
        fields["PositionApproximate"] = "true";
        var saved = await editor.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await _factory.WithDbAsync(async db =>
        {
            var location = (await db.ContentItems.SingleAsync(x => x.Id == id)).Village!.Location!;
            Assert.Equal((11.2, 108.5, true), (location.Latitude, location.Longitude, location.Approximate));
        });
        var (_, _, village) = await Html.GetAsync(_factory.CreateReader(), "/lang-nghe/gom-binh-duc");
        var position = village.QuerySelectorAll("dl.facts dt").First(dt => dt.TextContent == "Vị trí").NextElementSibling!;
        Assert.StartsWith("khoảng 11.2, 108.5", position.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("https://www.openstreetmap.org/directions?route=%3B11.2%2C108.5", position.QuerySelector("a.map-link")!.GetAttribute("href"));

        // The form shows it back; emptying both fields removes it again.
        fields = await StaffClient.EditFormAsync(editor, url);
        Assert.Equal(("11.2", "108.5", "true"), (fields["Latitude"], fields["Longitude"], fields["PositionApproximate"]));
        fields["Latitude"] = "";
        fields["Longitude"] = "";
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostAsync(url, new FormUrlEncodedContent(fields))).StatusCode);
        await _factory.WithDbAsync(async db => Assert.Null((await db.ContentItems.SingleAsync(x => x.Id == id)).Village!.Location));
    }
}
