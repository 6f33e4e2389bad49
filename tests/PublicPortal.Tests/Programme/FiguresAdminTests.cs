using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Programme;

/// <summary>Editors enter yearly figures with their source and set task statuses without YAML; each change is a revision and an audit entry.</summary>
public sealed class FiguresAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_editor_enters_a_figure_with_its_source_and_the_public_tracker_shows_it()
    {
        var editor = await StaffClient.SignedInAsync(factory, "so-lieu@example.vn", PortalRoles.Editor);
        var (id, version, revisions) = (0, 0, 0);
        await factory.WithDbAsync(async db =>
        {
            var plan = await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Plan && x.Slug == "ke-hoach-3073");
            (id, version) = (plan.Id, plan.Version);
            revisions = await db.Revisions.CountAsync(r => r.ContentItemId == plan.Id);
        });
        var url = $"/quan-tri/chuong-trinh/so-lieu/{id}";

        // Bad input: a Vietnamese message, nothing saved.
        var bad = await StaffClient.PostFormAsync(editor, url + "?handler=Value", new()
        {
            ["version"] = $"{version}", ["target"] = "4", ["year"] = "2025", ["value"] = "nhiều", ["source"] = "",
        }, url);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var errors = Html.Parse(await bad.Content.ReadAsStringAsync()).QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("Số liệu phải là một số", errors, StringComparison.Ordinal);
        Assert.Contains("Hãy ghi nguồn", errors, StringComparison.Ordinal);

        var saved = await StaffClient.PostFormAsync(editor, url + "?handler=Value", new()
        {
            ["version"] = $"{version}", ["target"] = "4", ["year"] = "2025", ["value"] = "62,5",
            ["source"] = "Báo cáo thử nghiệm của Sở", ["sourceUrl"] = "https://example.vn/bao-cao-2025",
        }, url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // A computed figure cannot be typed in.
        var computed = await StaffClient.PostFormAsync(editor, url + "?handler=Value", new()
        {
            ["version"] = $"{version + 1}", ["target"] = "5", ["year"] = "2025", ["value"] = "90", ["source"] = "x",
        }, url);
        Assert.Equal(HttpStatusCode.NotFound, computed.StatusCode);

        var task = await StaffClient.PostFormAsync(editor, url + "?handler=Task", new() { ["version"] = $"{version + 1}", ["task"] = "4", ["status"] = "Đang thực hiện" }, url);
        Assert.Equal(HttpStatusCode.Redirect, task.StatusCode);

        var (_, _, page) = await Html.GetAsync(factory.CreateReader(), "/chuong-trinh/ke-hoach-3073/tien-do");
        var trained = page.QuerySelector("#muc-tieu-4")!.Closest("section")!;
        Assert.Equal("62,5%", trained.QuerySelector("dd strong")!.TextContent);
        Assert.Equal("Đúng tiến độ", trained.QuerySelector(".status")!.TextContent); // the line reaches 44.4 % in 2025
        Assert.Equal("Báo cáo thử nghiệm của Sở", trained.QuerySelector("a[href='https://example.vn/bao-cao-2025']")!.TextContent);
        Assert.Contains("Đang thực hiện", page.QuerySelector("#nhiem-vu")!.Closest("section")!.TextContent, StringComparison.Ordinal);

        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(revisions + 2, await db.Revisions.CountAsync(r => r.ContentItemId == id));
            Assert.True(await db.AuditEntries.CountAsync(a => a.Actor == "so-lieu@example.vn" && a.Target == "plans/ke-hoach-3073") >= 2);
        });

        // A stale form (the version before these saves) is refused, not overwritten.
        var stale = await StaffClient.PostFormAsync(editor, url + "?handler=Value", new()
        {
            ["version"] = $"{version}", ["target"] = "4", ["year"] = "2025", ["value"] = "10", ["source"] = "Cũ",
        }, url);
        Assert.Contains("vừa sửa kế hoạch này", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
