using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Admin;

/// <summary>
/// The text an editor saves: a link inside the site that leads nowhere is refused with its text; what a screen reader
/// user would stumble on (a heading skipping a level, "tại đây", a table without column headers) is pointed out.
/// </summary>
public sealed class TextChecksTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private HttpClient _editor = null!;

    public async Task InitializeAsync() => _editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Dictionary<string, string> News(string title, string body) => new()
    {
        ["loai"] = "news", ["Title"] = title, ["Slug"] = "", ["Summary"] = "", ["Published"] = "true",
        ["PublishedAt"] = "2026-11-28T09:00", ["Body"] = body, ["Version"] = "0",
    };

    [Fact]
    public async Task A_link_to_a_missing_item_is_refused_with_its_text_and_nothing_is_saved()
    {
        var response = await StaffClient.PostFormAsync(_editor, "/quan-tri/noi-dung/sua",
            News("Tin có liên kết hỏng", "Xem [Làng gốm cũ](/lang-nghe/khong-co-lang-nay) và [trang chủ](/)."), "/quan-tri/noi-dung/sua?loai=news");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".validation-summary-errors")?.TextContent;
        Assert.Contains("“Làng gốm cũ” (/lang-nghe/khong-co-lang-nay)", errors, StringComparison.Ordinal);
        await _factory.WithDbAsync(async db => Assert.False(await db.ContentItems.AnyAsync(x => x.Title == "Tin có liên kết hỏng")));

        // Links to items, sections, the site's own pages and an old address (redirected) all lead somewhere.
        var fine = await StaffClient.PostFormAsync(_editor, "/quan-tri/noi-dung/sua", News("Tin có liên kết tốt",
            "[Gốm Bình Đức](/lang-nghe/gom-binh-duc), [tin tức](/tin-tuc), [tìm gốm](/tim-kiem?q=gom), [liên hệ](/lien-he#dia-chi), [bản đồ](https://www.openstreetmap.org/)."),
            "/quan-tri/noi-dung/sua?loai=news");
        Assert.Equal(HttpStatusCode.Redirect, fine.StatusCode);
    }

    [Fact]
    public async Task Every_link_of_the_seed_leads_somewhere()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var checks = scope.ServiceProvider.GetRequiredService<TextChecks>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        foreach (var item in await db.ContentItems.AsNoTracking().ToListAsync())
            Assert.True((await checks.BrokenLinksAsync(item)).Count == 0, $"{item.Kind} {item.Slug}: {string.Join("; ", await checks.BrokenLinksAsync(item))}");
    }

    [Fact]
    public async Task Skipped_heading_levels_vague_link_text_and_headerless_tables_are_pointed_out_before_publishing()
    {
        var fields = News("Tin cần sửa", "#### Lịch sử làng\n\nĐọc thêm [tại đây](/lien-he).\n\n|   |   |\n|---|---|\n| a | b |\n\n## Phần đúng\n\n### Mục con đúng\n");
        fields["preview"] = "1";
        var response = await StaffClient.PostFormAsync(_editor, "/quan-tri/noi-dung/sua", fields, "/quan-tri/noi-dung/sua?loai=news");
        var advice = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelectorAll(".advice li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, advice.Count);
        Assert.Contains(advice, a => a.Contains("“Lịch sử làng” nhảy từ cấp 1 xuống cấp 4", StringComparison.Ordinal));
        Assert.Contains(advice, a => a.Contains("“tại đây”", StringComparison.Ordinal));
        Assert.Contains(advice, a => a.Contains("không có dòng tiêu đề cột", StringComparison.Ordinal));

        // A text without these has no advice.
        fields["Body"] = "## Lịch sử làng\n\nXem [trang liên hệ của Sở](/lien-he).\n\n| Năm | Số hộ |\n|---|---|\n| 2024 | 40 |\n";
        response = await StaffClient.PostFormAsync(_editor, "/quan-tri/noi-dung/sua", fields, "/quan-tri/noi-dung/sua?loai=news");
        Assert.Null(Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector(".advice"));
    }
}
