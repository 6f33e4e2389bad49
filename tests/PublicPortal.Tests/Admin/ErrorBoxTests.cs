using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>Admin and sign-in forms show their red error box only when there is an error to read, and then with it.</summary>
public sealed class ErrorBoxTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>What a reader sees as an error box: the styled notices, and any validation summary (even an empty one).</summary>
    private static List<IElement> ErrorBoxes(IDocument page) =>
        page.QuerySelectorAll("main .notice.error, main [role=alert], main .validation-summary-errors, main .validation-summary-valid").ToList();

    private static void NoErrorBox(IDocument page, string url)
    {
        var boxes = ErrorBoxes(page);
        Assert.True(boxes.Count == 0, $"{url} shows an error box with nothing to say: {string.Join(" | ", boxes.Select(b => b.OuterHtml))}");
        // The stray bullet: a list item with no text anywhere in the page's main part.
        Assert.DoesNotContain(page.QuerySelectorAll("main li"), li => li.TextContent.Trim().Length == 0 && li.Children.Length == 0);
    }

    private static void ErrorBoxSays(string html, string message)
    {
        var boxes = ErrorBoxes(Html.Parse(html));
        Assert.Contains(boxes, b => b.TextContent.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_form_opens_without_an_error_box()
    {
        var anonymous = StaffClient.Anonymous(_factory);
        foreach (var url in new[] { "/dang-nhap", "/dang-nhap/xac-thuc" })
        {
            var (response, _, page) = await Html.GetAsync(anonymous, url);
            if (response.StatusCode == HttpStatusCode.OK) NoErrorBox(page, url);
        }

        var admin = await StaffClient.SignedInAsync(_factory, "quan-tri@example.vn", PortalRoles.Admin);
        int planId = 0, newsId = 0;
        await _factory.WithDbAsync(async db =>
        {
            planId = await db.ContentItems.Where(x => x.Kind == ContentKind.Plan).Select(x => x.Id).FirstAsync();
            newsId = await db.ContentItems.Where(x => x.Kind == ContentKind.News).Select(x => x.Id).FirstAsync();
        });
        var forms = new[]
        {
            "/quan-tri", "/quan-tri/noi-dung", "/quan-tri/noi-dung/sua?loai=announcements", "/quan-tri/noi-dung/sua?loai=routes",
            $"/quan-tri/noi-dung/sua/{newsId}", $"/quan-tri/noi-dung/sua/{newsId}?da-luu=1", $"/quan-tri/noi-dung/lich-su/{newsId}",
            $"/quan-tri/noi-dung/xoa/{newsId}", $"/quan-tri/noi-dung/xem/{newsId}", $"/quan-tri/chuong-trinh/so-lieu/{planId}",
            "/quan-tri/mat-khau", "/quan-tri/nguoi-dung", "/quan-tri/xac-thuc-hai-lop", "/quan-tri/thu-vien-anh", "/quan-tri/hoi-mua",
            "/quan-tri/sao-luu", "/quan-tri/nhat-ky", "/quan-tri/thong-ke",
        };
        foreach (var url in forms)
        {
            var (response, _, page) = await Html.GetAsync(admin, url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            NoErrorBox(page, url);
        }
    }

    [Fact]
    public async Task A_bad_post_shows_the_error_box_with_its_message()
    {
        var anonymous = StaffClient.Anonymous(_factory);
        await StaffClient.CreateUserAsync(_factory, "quan-tri@example.vn", PortalRoles.Admin);
        var wrong = await StaffClient.PostFormAsync(anonymous, "/dang-nhap", new() { ["Email"] = "quan-tri@example.vn", ["Password"] = "sai-mat-khau" });
        ErrorBoxSays(await wrong.Content.ReadAsStringAsync(), "Email hoặc mật khẩu không đúng.");

        var admin = (await StaffClient.SignInAsync(_factory, "quan-tri@example.vn")).Client;
        var edit = await StaffClient.PostFormAsync(admin, "/quan-tri/noi-dung/sua", new()
        {
            ["loai"] = "announcements", ["Title"] = "", ["Slug"] = "", ["Summary"] = "", ["Published"] = "true",
            ["PublishedAt"] = "2026-11-28T09:00", ["Body"] = "x", ["Extra"] = "", ["Version"] = "0",
        }, "/quan-tri/noi-dung/sua?loai=announcements");
        ErrorBoxSays(await edit.Content.ReadAsStringAsync(), "Hãy nhập tiêu đề.");

        var password = await StaffClient.PostFormAsync(admin, "/quan-tri/mat-khau", new() { ["Current"] = StaffClient.Password, ["New"] = "mat-khau-moi-2026-dai", ["Confirm"] = "khac-han" });
        ErrorBoxSays(await password.Content.ReadAsStringAsync(), "không khớp");

        var user = await StaffClient.PostFormAsync(admin, "/quan-tri/nguoi-dung?handler=Create", new() { ["email"] = " ", ["role"] = PortalRoles.Editor }, "/quan-tri/nguoi-dung");
        ErrorBoxSays(await user.Content.ReadAsStringAsync(), "Hãy nhập email.");

        var twoFactor = await StaffClient.PostFormAsync(admin, "/quan-tri/xac-thuc-hai-lop?handler=Enable", new() { ["Code"] = "000000" }, "/quan-tri/xac-thuc-hai-lop");
        ErrorBoxSays(await twoFactor.Content.ReadAsStringAsync(), "Mã xác thực không đúng");

        int planId = 0, version = 0;
        await _factory.WithDbAsync(async db => (planId, version) = await db.ContentItems.Where(x => x.Kind == ContentKind.Plan).Select(x => ValueTuple.Create(x.Id, x.Version)).FirstAsync());
        var figures = await StaffClient.PostFormAsync(admin, $"/quan-tri/chuong-trinh/so-lieu/{planId}?handler=Value", new()
        {
            ["version"] = $"{version}", ["target"] = "4", ["year"] = "2025", ["value"] = "nhiều", ["source"] = "",
        }, $"/quan-tri/chuong-trinh/so-lieu/{planId}");
        ErrorBoxSays(await figures.Content.ReadAsStringAsync(), "Số liệu phải là một số");
    }
}
