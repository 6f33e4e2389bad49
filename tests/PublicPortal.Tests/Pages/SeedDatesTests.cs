using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Pages;

/// <summary>
/// News are dated by the event or the source article they report (facts file, section 5), not by the day they were
/// typed in; where the source gives only a month or a year, the page says only that.
/// </summary>
public sealed class SeedDatesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = factory.CreateReader();

    [Theory]
    [InlineData("/tin-tuc/ocop-binh-thuan-118-san-pham-cuoi-2023", "14/12/2023", "2023-12-14")]
    [InlineData("/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc", "15/11/2024", "2024-11-15")]
    [InlineData("/tin-tuc/gom-cham-vao-danh-sach-unesco-can-bao-ve-khan-cap", "30/11/2022", "2022-11-30")]
    [InlineData("/tin-tuc/ke-hoach-3073-chin-muc-tieu-bao-ton-lang-nghe", "16/09/2022", "2022-09-16")]
    [InlineData("/tin-tuc/hanh-trinh-xanh-lang-chai-mui-ne-bau-trang", "26/03/2023", "2023-03-26")]
    [InlineData("/tin-tuc/khao-sat-tuyen-du-lich-lang-nghe-va-am-thuc-6-2024", "03/06/2024", "2024-06-03")]
    [InlineData("/tin-tuc/nuoc-mam-phan-thiet-de-xuat-di-san-quoc-gia", "30/01/2026", "2026-01-30")]
    [InlineData("/tin-tuc/ocop-2021-cong-nhan-them-14-san-pham", "19/01/2022", "2022-01-19")]
    [InlineData("/tin-tuc/thu-hoi-danh-hieu-lang-nghe-dong-ha", "tháng 10/2022 (nguồn chỉ ghi tháng)", "2022-10")]
    [InlineData("/tin-tuc/muoi-thanh-phong-tan-thuan-tro-lai", "năm 2019 (nguồn chỉ ghi năm)", "2019")]
    [InlineData("/tin-tuc/sau-nam-ocop-196-san-pham", "năm 2025 (nguồn chỉ ghi năm)", "2025")]
    public async Task A_news_item_carries_the_date_of_its_event_or_source(string url, string shown, string machine)
    {
        var (_, _, document) = await Html.GetAsync(_client, url);
        var meta = document.QuerySelector(".article-header .meta")!;
        Assert.Contains("Ngày: " + shown, meta.TextContent, StringComparison.Ordinal);
        Assert.Equal(machine, meta.QuerySelector("time")!.GetAttribute("datetime")![..machine.Length]);
        Assert.DoesNotContain("2026-09", meta.QuerySelector("time")!.GetAttribute("datetime"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_is_dated_by_its_issue_not_by_its_entry()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/chuong-trinh/ke-hoach-3073");
        Assert.Contains("16/09/2022", document.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("01/09/2026", document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_never_show_a_day_the_source_does_not_give_and_the_newest_comes_first()
    {
        var (_, _, news) = await Html.GetAsync(_client, "/tin-tuc?page=2");
        var (_, _, first) = await Html.GetAsync(_client, "/tin-tuc");
        var times = first.QuerySelectorAll(".item-list time").Concat(news.QuerySelectorAll(".item-list time")).ToList();
        Assert.Contains(times, t => t.TextContent == "tháng 10/2022" && t.GetAttribute("datetime") == "2022-10");
        Assert.DoesNotContain(times, t => t.TextContent == "01/10/2022" || t.TextContent == "01/01/2019");
        // A year-only item sorts as its January; compare by month, so "2025" and "2025-01" tie.
        static string Month(string datetime) => (datetime.Length == 4 ? datetime + "-01" : datetime)[..7];
        var order = times.Select(t => Month(t.GetAttribute("datetime")!)).ToList();
        Assert.Equal(order.OrderDescending(StringComparer.Ordinal), order);

        var (_, _, home) = await Html.GetAsync(_client, "/");
        var latest = home.QuerySelectorAll("#tin-moi ~ .item-list time").Select(t => Month(t.GetAttribute("datetime")!)).ToList();
        Assert.Equal(latest.OrderDescending(StringComparer.Ordinal), latest);
        Assert.DoesNotContain(latest, d => d.StartsWith("2026-09", StringComparison.Ordinal) || d.StartsWith("2026-11", StringComparison.Ordinal));

        var (_, _, search) = await Html.GetAsync(_client, "/tim-kiem?q=" + Uri.EscapeDataString("Đông Hà"));
        Assert.Contains(search.QuerySelectorAll(".results time"), t => t.TextContent == "tháng 10/2022");
    }
}
