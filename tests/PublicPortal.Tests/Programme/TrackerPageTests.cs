using PublicPortal.Web.Features.Content;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Tests.Programme;

/// <summary>The tracker page as a reader sees it: the targets at a glance, counts beside shares, composite targets by part, and one rule for unknown dates.</summary>
public sealed class TrackerPageTests : IAsyncLifetime
{
    private const string Url = "/chuong-trinh/ke-hoach-3073/tien-do";
    private readonly PortalFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Dictionary<string, string> YearRows(AngleSharp.Dom.IElement section) =>
        section.QuerySelectorAll("table tbody tr").ToDictionary(tr => tr.Children[0].TextContent, tr => tr.Children[1].TextContent);

    [Fact]
    public async Task The_tracker_opens_with_the_nine_targets_each_linked_to_its_section_and_composite_targets_split_by_part()
    {
        var (response, _, page) = await Html.GetAsync(_factory.CreateReader(), Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var overview = page.QuerySelector("table.targets-overview")!;
        // First thing under the title: before any target's own section.
        Assert.True(overview.CompareDocumentPosition(page.QuerySelector("section.indicator")!).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        Assert.Equal(Enumerable.Range(1, 9).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), overview.QuerySelectorAll("tbody th[scope=row]").Select(th => th.TextContent));
        var links = overview.QuerySelectorAll("tbody a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["#muc-tieu-1a", "#muc-tieu-1b", "#muc-tieu-2a", "#muc-tieu-2b", "#muc-tieu-2c", "#muc-tieu-3", "#muc-tieu-4", "#muc-tieu-5", "#muc-tieu-6", "#muc-tieu-7", "#muc-tieu-8", "#muc-tieu-9"], links);
        Assert.All(links, href => Assert.NotNull(page.GetElementById(href[1..])));
        Assert.All(overview.QuerySelectorAll("tbody tr"), tr => Assert.NotNull(tr.QuerySelector(".status")));

        // Target 2 in three parts, each measured on its own: crafts (entered figures), traditional villages, tourism villages.
        var crafts = page.GetElementById("muc-tieu-2a")!.Closest("section")!;
        Assert.Contains("nghề", crafts.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Chưa có số liệu", crafts.QuerySelector(".status")!.TextContent);
        var tourism = page.GetElementById("muc-tieu-2c")!.Closest("section")!;
        Assert.Contains("du lịch", tourism.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(tourism.QuerySelector("dd strong"));
        Assert.Contains(tourism.QuerySelectorAll(".breakdown li"), li => li.TextContent.StartsWith("Làng gốm gọ Bình Đức: có tính", StringComparison.Ordinal));

        // The plan page still lists nine targets.
        var (_, _, plan) = await Html.GetAsync(_factory.CreateReader(), "/chuong-trinh/ke-hoach-3073");
        Assert.Equal(9, plan.QuerySelectorAll("ol.targets > li").Length);
        // The home page's summary counts indicators: it says how nine targets make twelve.
        var (_, _, home) = await Html.GetAsync(_factory.CreateReader(), "/");
        Assert.StartsWith("9 mục tiêu (12 chỉ tiêu, đánh giá dưới đây) đến năm 2030", home.GetElementById("ke-hoach")!.Closest("section")!.QuerySelector(".meta")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shares_show_their_counts_and_unknown_dates_are_placed_from_the_year_the_data_first_knows_them()
    {
        var reader = _factory.CreateReader();
        var (_, _, page) = await Html.GetAsync(reader, Url);
        var ocop = page.GetElementById("muc-tieu-5")!.Closest("section")!;
        Assert.Equal("(1/3 làng nghề)", ocop.QuerySelector("dd .counts")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("table.targets-overview td"), td => td.TextContent == "33,3% (1/3 làng nghề)");
        // The only product counted was reported in 01/2025, its decision date unknown: nothing before 2025.
        var years = YearRows(ocop);
        foreach (var year in new[] { "2021", "2022", "2023", "2024" }) Assert.Equal("0% (0/3 làng nghề)", years[year]);
        Assert.Equal("33,3% (1/3 làng nghề)", years["2025"]);
        Assert.Equal("33,3% (1/3 làng nghề)", years["2026"]);
        Assert.Contains(ocop.QuerySelectorAll("svg rect.bar title"), t => t.TextContent == "2025: 33,3% (1/3 làng nghề)"); // the chart says it too
        Assert.Contains(ocop.QuerySelectorAll(".progress-bar label"), l => l.TextContent.Contains("(1/3 làng nghề, cần 50%)", StringComparison.Ordinal));
        Assert.Contains("không được tính vào năm nào trước năm đầu tiên nó có trong dữ liệu", ocop.QuerySelector(".chart-note")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(ocop.QuerySelectorAll(".breakdown li"), li => li.TextContent.Contains("có trong nguồn tin từ 01/2025", StringComparison.Ordinal));

        // A recognition date unknown but its decision's year known: recognised that year, before the plan, so not "new".
        var recognised = page.GetElementById("muc-tieu-2b")!.Closest("section")!;
        Assert.Contains(recognised.QuerySelectorAll(".breakdown li"), li => li.TextContent ==
            "Làng nghề bánh tráng Chợ Lầu: không tính — Chưa rõ ngày công nhận; theo số quyết định 09/2003/QĐ-CTUBBT, công nhận năm 2003 (trước năm 2021)");

        // A recognised village with no date or number at all is counted too, by the same rule: from the year it came onto the portal.
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var village = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Kind == ContentKind.Village && x.Slug == "muoi-tan-thuan");
            village.Village!.Type = VillageType.CraftVillage;
            village.Village.RecognitionNumber = null;
            village.Village.RecognitionDate = null;
            Assert.IsType<SaveOutcome.Saved>(await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(village, village.Id, village.Version, "bien-tap@example.vn"));
        }
        (_, _, page) = await Html.GetAsync(reader, Url);
        recognised = page.GetElementById("muc-tieu-2b")!.Closest("section")!;
        Assert.Equal("1 làng nghề", recognised.QuerySelector("dd strong")!.TextContent);
        Assert.Contains(recognised.QuerySelectorAll(".breakdown li"), li => li.TextContent == "Nghề muối Thanh Phong (Tân Thuận): có tính — Chưa rõ ngày công nhận; tính từ năm 2026, năm đưa lên cổng");
        ocop = page.GetElementById("muc-tieu-5")!.Closest("section")!;
        years = YearRows(ocop);
        Assert.Equal("33,3% (1/3 làng nghề)", years["2025"]); // not yet in the base in 2025
        Assert.Equal("25% (1/4 làng nghề)", years["2026"]);
    }

    [Fact]
    public async Task A_part_of_a_composite_target_takes_its_own_figures_in_the_admin()
    {
        var editor = await PublicPortal.Tests.Admin.StaffClient.SignedInAsync(_factory, "so-lieu@example.vn", PortalRoles.Editor);
        var (id, version) = (0, 0);
        await _factory.WithDbAsync(async db => (id, version) = await db.ContentItems.Where(x => x.Kind == ContentKind.Plan).Select(x => ValueTuple.Create(x.Id, x.Version)).SingleAsync());
        var url = $"/quan-tri/chuong-trinh/so-lieu/{id}";
        var (_, _, form) = await Html.GetAsync(editor, url);
        Assert.NotNull(form.GetElementById("muc-tieu-2a")!.Closest("section")!.QuerySelector("input[name=target][value='2a']"));

        var saved = await PublicPortal.Tests.Admin.StaffClient.PostFormAsync(editor, url + "?handler=Value", new()
        {
            ["version"] = $"{version}", ["target"] = "2a", ["year"] = "2025", ["value"] = "1", ["source"] = "Báo cáo thử nghiệm về nghề",
        }, url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, _, page) = await Html.GetAsync(_factory.CreateReader(), Url);
        var crafts = page.GetElementById("muc-tieu-2a")!.Closest("section")!;
        Assert.Equal("1 nghề", crafts.QuerySelector("dd strong")!.TextContent);
        Assert.Equal("Chưa có số liệu", page.GetElementById("muc-tieu-1a")!.Closest("section")!.QuerySelector(".status")!.TextContent);
    }
}
