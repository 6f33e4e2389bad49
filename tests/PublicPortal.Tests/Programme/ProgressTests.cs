using PublicPortal.Web.Features.Content;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Programme;

namespace PublicPortal.Tests.Programme;

/// <summary>Plan 3073's targets measured from the catalogue and from entered figures, judged against the straight line.</summary>
public sealed class ProgressTests
{
    private static PlanTarget Target(decimal goal, bool exceed = false, bool rate = false, decimal? baseline = null, int? baselineYear = null) =>
        new() { Number = 1, Text = "t", Goal = goal, Exceed = exceed, Rate = rate, BaselineValue = baseline, BaselineYear = baselineYear, Deadline = 2030 };

    [Theory]
    // "trên 80%": 80 is not enough, 80.1 is.
    [InlineData(80, true, false, 80.0, 2026, ProgressStatus.OnTrack)]
    [InlineData(80, true, false, 80.1, 2026, ProgressStatus.Achieved)]
    [InlineData(50, false, false, 50.0, 2026, ProgressStatus.Achieved)]
    // From 0 in 2021 to 50 in 2030: in 2026 the line is at 27.78.
    [InlineData(50, false, false, 27.8, 2026, ProgressStatus.OnTrack)]
    [InlineData(50, false, false, 27.7, 2026, ProgressStatus.Behind)]
    [InlineData(50, false, false, 0.0, 2021, ProgressStatus.OnTrack)]
    // A yearly rate is judged against the goal itself.
    [InlineData(10, false, true, 10.0, 2023, ProgressStatus.Achieved)]
    [InlineData(10, false, true, 9.9, 2023, ProgressStatus.Behind)]
    public void Statuses_at_their_edges(double goal, bool exceed, bool rate, double value, int year, ProgressStatus expected) =>
        Assert.Equal(expected, ProgressTracker.Judge(Target((decimal)goal, exceed, rate), (decimal)value, year, 2021).Status);

    [Fact]
    public void A_stated_baseline_starts_the_line()
    {
        // Income ×1 in 2020 to ×1.5 in 2030: in 2025 the line is at ×1.25.
        var target = Target(1.5m, baseline: 1m, baselineYear: 2020);
        Assert.Equal((ProgressStatus.OnTrack, 1.25m), ProgressTracker.Judge(target, 1.25m, 2025, 2021));
        Assert.Equal(ProgressStatus.Behind, ProgressTracker.Judge(target, 1.24m, 2025, 2021).Status);
    }

    [Fact]
    public void No_value_or_no_numeric_goal_is_no_data_not_zero()
    {
        Assert.Equal(ProgressStatus.NoData, ProgressTracker.Judge(Target(50), null, 2026, 2021).Status);
        Assert.Equal(ProgressStatus.NoData, ProgressTracker.Judge(new PlanTarget { Number = 1, Text = "t" }, 12m, 2026, 2021).Status);
    }

    /// <summary>One indicator of the open data by its key: "5", or "1b" for a part of a composite target.</summary>
    private static async Task<JsonElement> TargetAsync(HttpClient client, string key)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/chuong-trinh/ke-hoach-3073/tien-do"));
        return json.RootElement.GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("number").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) + t.GetProperty("part").GetString() == key).Clone();
    }

    private static async Task SaveAsync(PortalFactory factory, ContentKind kind, string slug, Action<ContentItem> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var item = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Kind == kind && x.Slug == slug);
        change(item);
        var outcome = await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(item, item.Id, item.Version, "bien-tap@example.vn");
        Assert.IsType<SaveOutcome.Saved>(outcome);
    }

    [Fact]
    public async Task Computed_figures_follow_the_catalogue_at_once_with_their_drill_down()
    {
        await using var factory = new PortalFactory();
        var reader = factory.CreateReader();

        // Seed: three recognised villages still holding the title; Bình Đức has an OCOP product whose decision date is unknown.
        var (response, body, page) = await Html.GetAsync(reader, "/chuong-trinh/ke-hoach-3073/tien-do");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ocop = page.QuerySelector("#muc-tieu-5")!.Closest("section")!;
        Assert.Contains("33,3%", ocop.QuerySelector("dd strong")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đúng tiến độ", ocop.QuerySelector(".status")!.TextContent);
        var rows = ocop.QuerySelectorAll(".breakdown li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.StartsWith("Làng gốm gọ Bình Đức: có tính", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("Đông Hà", StringComparison.Ordinal)); // revoked: not in the base

        // Figures nobody has published yet: "chưa có số liệu", never 0 %.
        foreach (var number in new[] { 3, 4, 7, 8, 9 })
        {
            var section = page.QuerySelector($"#muc-tieu-{number}")!.Closest("section")!;
            Assert.Equal("Chưa có số liệu", section.QuerySelector(".status")!.TextContent);
            Assert.Null(section.QuerySelector("progress"));
        }
        Assert.Contains("Trên 80% làng nghề hoạt động có hiệu quả", body, StringComparison.Ordinal); // the national target beside it

        // The product's certificate expired: the village no longer counts, on the page and in the open data.
        await SaveAsync(factory, ContentKind.Product, "gom-cham-son-hoa", p => p.Product!.CertificateExpiry = new DateOnly(2025, 6, 30));
        (_, _, page) = await Html.GetAsync(reader, "/chuong-trinh/ke-hoach-3073/tien-do");
        ocop = page.QuerySelector("#muc-tieu-5")!.Closest("section")!;
        Assert.Contains("0%", ocop.QuerySelector("dd strong")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Chậm", ocop.QuerySelector(".status")!.TextContent);
        Assert.Contains(ocop.QuerySelectorAll(".breakdown li").Select(li => li.TextContent), r => r.StartsWith("Làng gốm gọ Bình Đức: không tính — Sản phẩm OCOP đã hết hiệu lực", StringComparison.Ordinal));
        var api = await TargetAsync(reader, "5");
        Assert.Equal(0m, api.GetProperty("value").GetDecimal());
        Assert.Equal("cham", api.GetProperty("status").GetString());
        // Year by year: its decision date is unknown and the press reported it in 01/2025, so it is not placed before 2025;
        // by the end of 2025 its certificate had expired.
        var history = api.GetProperty("history").EnumerateArray().ToDictionary(h => h.GetProperty("year").GetInt32(), h => h.GetProperty("value").GetDecimal());
        Assert.Equal(0m, history[2024]);
        Assert.Equal(0m, history[2025]);

        // A village gains a trademark: 0 of 3 (Phú Long "no", the others unknown) → 1 of 3, above the 2026 point of the line (27.8 %).
        var before = await TargetAsync(reader, "6");
        Assert.Equal((0m, "cham"), (before.GetProperty("value").GetDecimal(), before.GetProperty("status").GetString()));
        await SaveAsync(factory, ContentKind.Village, "banh-trang-phu-long", v => v.Village!.TrademarkProtected = true);
        var trademark = await TargetAsync(reader, "6");
        Assert.Equal(33.3m, trademark.GetProperty("value").GetDecimal());
        Assert.Equal("dung-tien-do", trademark.GetProperty("status").GetString());
        Assert.Contains(trademark.GetProperty("villages").EnumerateArray(), v => v.GetProperty("url").GetString() == "/lang-nghe/banh-trang-phu-long" && v.GetProperty("counts").GetBoolean());
    }

    [Fact]
    public async Task Figures_entered_with_their_source_are_shown_judged_and_charted_and_the_home_page_sums_up()
    {
        await using var factory = new PortalFactory();
        await SaveAsync(factory, ContentKind.Plan, "ke-hoach-3073", plan => plan.Targets.Single(t => t.Number == 8).Values =
        [
            new IndicatorValue { Year = 2023, Value = 1.1m, Source = "Báo cáo thử nghiệm A" },
            new IndicatorValue { Year = 2025, Value = 1.3m, Source = "Báo cáo thử nghiệm B", SourceUrl = "https://example.vn/bao-cao", Updated = new DateOnly(2026, 3, 1) },
        ]);
        var reader = factory.CreateReader();
        var (_, _, page) = await Html.GetAsync(reader, "/chuong-trinh/ke-hoach-3073/tien-do");
        var income = page.QuerySelector("#muc-tieu-8")!.Closest("section")!;
        Assert.Equal("1,3 lần", income.QuerySelector("dd strong")!.TextContent);
        Assert.Equal("Đúng tiến độ", income.QuerySelector(".status")!.TextContent); // ×1.3 ≥ ×1.25, the line in 2025
        Assert.Equal("https://example.vn/bao-cao", income.QuerySelector("a[href^='https://example.vn']")!.GetAttribute("href"));
        Assert.Equal(["2023", "2025"], income.QuerySelectorAll("table tbody tr td:first-child").Select(td => td.TextContent));
        Assert.Equal(2, income.QuerySelectorAll("svg rect.bar").Length);
        Assert.NotNull(income.QuerySelector("svg line.goal"));
        Assert.Equal("87", income.QuerySelector("progress")!.GetAttribute("value")); // 1.3 of 1.5

        var (_, _, home) = await Html.GetAsync(reader, "/");
        var summary = home.QuerySelector("#ke-hoach")!.Closest("section")!;
        Assert.Equal("/chuong-trinh/ke-hoach-3073/tien-do", summary.QuerySelector("a[href$='/tien-do']")!.GetAttribute("href"));
        Assert.Contains(summary.QuerySelectorAll(".status-counts li").Select(li => li.TextContent.Trim()), t => t.StartsWith("Chưa có số liệu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_indicator_yaml_is_refused_with_a_clear_message_and_an_unknown_plan_is_404()
    {
        Assert.Contains("measure", Assert.Throws<PublicPortal.Web.Features.Content.ContentFormatException>(() =>
            PublicPortal.Web.Features.Content.FrontMatter.Parse("---\ntitle: X\npublished: 2024-01-01\ntargets:\n  - number: 1\n    text: t\n    measure: khong-co\n---\n", ContentKind.Plan, "x")).Message, StringComparison.Ordinal);
        Assert.Contains("source", Assert.Throws<PublicPortal.Web.Features.Content.ContentFormatException>(() =>
            PublicPortal.Web.Features.Content.FrontMatter.Parse("---\ntitle: X\npublished: 2024-01-01\ntargets:\n  - number: 1\n    text: t\n    values:\n      - year: 2024\n        value: 3\n---\n", ContentKind.Plan, "x")).Message, StringComparison.Ordinal);

        Assert.Contains("part", Assert.Throws<PublicPortal.Web.Features.Content.ContentFormatException>(() =>
            PublicPortal.Web.Features.Content.FrontMatter.Parse("---\ntitle: X\npublished: 2024-01-01\ntargets:\n  - number: 2\n    part: a\n    text: t\n  - number: 2\n    text: t\n---\n", ContentKind.Plan, "x")).Message, StringComparison.Ordinal);
        Assert.Contains("2a twice", Assert.Throws<PublicPortal.Web.Features.Content.ContentFormatException>(() =>
            PublicPortal.Web.Features.Content.FrontMatter.Parse("---\ntitle: X\npublished: 2024-01-01\ntargets:\n  - number: 2\n    part: a\n    text: t\n  - number: 2\n    part: a\n    text: t\n---\n", ContentKind.Plan, "x")).Message, StringComparison.Ordinal);

        await using var factory = new PortalFactory();
        var reader = factory.CreateReader();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/chuong-trinh/khong-co/tien-do")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/api/chuong-trinh/khong-co/tien-do")).StatusCode);
    }

    [Fact]
    public async Task A_paused_village_that_works_again_counts_as_restored_from_its_status_history()
    {
        await using var factory = new PortalFactory();
        var reader = factory.CreateReader();
        var before = await TargetAsync(reader, "1b");
        Assert.Equal((0m, "cham"), (before.GetProperty("value").GetDecimal(), before.GetProperty("status").GetString()));
        Assert.Contains(before.GetProperty("villages").EnumerateArray(), v => v.GetProperty("url").GetString() == "/lang-nghe/det-tho-cam-la-da" && v.GetProperty("reason").GetString() == "Hiện: tạm ngừng");

        await SaveAsync(factory, ContentKind.Village, "det-tho-cam-la-da", v =>
        {
            v.Village!.Status = VillageStatus.Active;
            v.Village.StatusHistory = [new StatusChange { Status = VillageStatus.Paused, Since = new DateOnly(2019, 1, 1) }, new StatusChange { Status = VillageStatus.Active, Since = new DateOnly(2026, 6, 1) }];
        });

        var after = await TargetAsync(reader, "1b");
        Assert.Equal((1m, "dat"), (after.GetProperty("value").GetDecimal(), after.GetProperty("status").GetString()));
        Assert.Contains(after.GetProperty("villages").EnumerateArray(), v => v.GetProperty("url").GetString() == "/lang-nghe/det-tho-cam-la-da"
            && v.GetProperty("counts").GetBoolean() && v.GetProperty("reason").GetString() == "Hoạt động trở lại từ ngày 01/06/2026");
        var (_, village, _) = await Html.GetAsync(reader, "/lang-nghe/det-tho-cam-la-da");
        Assert.Contains("Tạm ngừng từ 01/01/2019; Đang hoạt động từ 01/06/2026", village, StringComparison.Ordinal);
        // Year by year from the plan's dates: not yet restored at the end of 2025.
        var history = after.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(0m, history.Single(h => h.GetProperty("year").GetInt32() == 2025).GetProperty("value").GetDecimal());

        Assert.Contains("must be the current village.status", Assert.Throws<PublicPortal.Web.Features.Content.ContentFormatException>(() =>
            PublicPortal.Web.Features.Content.FrontMatter.Parse("---\ntitle: X\npublished: 2024-01-01\nvillage:\n  type: craft-village\n  status: active\n  locality: phan-hiep\n  status_history:\n    - status: paused\n      since: 2020-01-01\n---\n", ContentKind.Village, "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Villages_on_tourism_routes_are_counted_with_their_routes()
    {
        await using var factory = new PortalFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        var catalogue = await scope.ServiceProvider.GetRequiredService<PublicPortal.Web.Features.Catalogue.CatalogueService>().LoadAsync();
        var (value, villages) = ProgressTracker.Compute("tourism-villages", catalogue, catalogue.Today, 2021);

        var onRoutes = catalogue.Villages.Count(v => catalogue.RoutesThrough(v).Count > 0 && v.Village!.Status != VillageStatus.Revoked);
        Assert.True(onRoutes > 0);
        Assert.Equal(onRoutes, value);
        var binhDuc = villages.Single(v => v.Url == "/lang-nghe/gom-binh-duc");
        Assert.True(binhDuc.Counts);
        Assert.StartsWith("Trên tuyến: ", binhDuc.Reason, StringComparison.Ordinal);
    }
}
