using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>
/// A session ends when it should: sign-out (every copy of the cookie), a password change, a lost role, a lock.
/// The server checks the account on every request, so an old cookie carries no rights its account no longer has.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    // Many sign-ins from the one test address: the per-address limit is not what is tested here.
    private readonly PortalFactory _factory = new() { Settings = { ["Portal:SignIn:PermitLimit"] = "1000" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_admin_nav_signs_out_with_its_token()
    {
        var client = await StaffClient.SignedInAsync(_factory, "dang-xuat@example.vn", PortalRoles.Editor);
        var (_, _, page) = await Html.GetAsync(client, "/quan-tri");
        var form = page.QuerySelector("nav.admin-nav form.sign-out")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.NotNull(token);
        var signedOut = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.True(StaffClient.IsSentToSignIn(await client.GetAsync("/quan-tri")));
    }

    [Fact]
    public async Task A_cookie_replayed_after_sign_out_is_sent_to_sign_in()
    {
        await StaffClient.CreateUserAsync(_factory, "phat-lai@example.vn", PortalRoles.Editor);
        var (client, cookie) = await StaffClient.SignInAsync(_factory, "phat-lai@example.vn");
        var (other, otherCookie) = await StaffClient.SignInAsync(_factory, "phat-lai@example.vn");
        Assert.Equal(HttpStatusCode.OK, (await StaffClient.Replaying(_factory, cookie).GetAsync("/quan-tri")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await StaffClient.PostFormAsync(client, "/dang-xuat", [], "/quan-tri/mat-khau")).StatusCode);
        Assert.True(StaffClient.IsSentToSignIn(await StaffClient.Replaying(_factory, cookie).GetAsync("/quan-tri")));
        // Signing out ends the account's other sessions too (a cookie left on another computer).
        Assert.True(StaffClient.IsSentToSignIn(await StaffClient.Replaying(_factory, otherCookie).GetAsync("/quan-tri")));
        Assert.True(StaffClient.IsSentToSignIn(await other.GetAsync("/quan-tri/noi-dung")));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_but_keeps_this_one()
    {
        var mine = await StaffClient.SignedInAsync(_factory, "doi-mat-khau@example.vn", PortalRoles.Editor);
        var (_, elsewhere) = await StaffClient.SignInAsync(_factory, "doi-mat-khau@example.vn");
        var changed = await StaffClient.PostFormAsync(mine, "/quan-tri/mat-khau", new() { ["Current"] = StaffClient.Password, ["New"] = "mat-khau-moi-hoan-toan-2027", ["Confirm"] = "mat-khau-moi-hoan-toan-2027" });
        Assert.Contains("Đã đổi mật khẩu", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync("/quan-tri")).StatusCode);
        Assert.True(StaffClient.IsSentToSignIn(await StaffClient.Replaying(_factory, elsewhere).GetAsync("/quan-tri")));
    }

    [Fact]
    public async Task An_admin_demoted_to_editor_can_no_longer_use_his_old_cookie_to_create_an_admin()
    {
        var boss = await StaffClient.SignedInAsync(_factory, "truong-phong@example.vn", PortalRoles.Admin);
        await StaffClient.CreateUserAsync(_factory, "pho-phong@example.vn", PortalRoles.Admin);
        var (demoted, cookie) = await StaffClient.SignInAsync(_factory, "pho-phong@example.vn");
        // The users page, opened while he was still an admin, with its token.
        var (_, _, usersPage) = await Html.GetAsync(demoted, "/quan-tri/nguoi-dung");
        var token = usersPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var id = await StaffClient.IdOfAsync(_factory, "pho-phong@example.vn");
        var demotion = await StaffClient.PostFormAsync(boss, "/quan-tri/nguoi-dung?handler=Role", new() { ["id"] = id, ["role"] = PortalRoles.Editor }, "/quan-tri/nguoi-dung");
        Assert.Contains("nay là biên tập viên", await demotion.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        _factory.Clock.Advance(TimeSpan.FromMinutes(24));

        var create = await demoted.PostAsync("/quan-tri/nguoi-dung?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "ke-gian@example.vn", ["role"] = PortalRoles.Admin, ["__RequestVerificationToken"] = token,
        }));
        Assert.True(StaffClient.IsSentToSignIn(create), $"{create.StatusCode} {create.Headers.Location}");
        await _factory.WithDbAsync(async db => Assert.False(await db.Users.AnyAsync(u => u.Email == "ke-gian@example.vn")));
        Assert.True(StaffClient.IsSentToSignIn(await StaffClient.Replaying(_factory, cookie).GetAsync("/quan-tri/nguoi-dung")));
        Assert.True(StaffClient.IsSentToSignIn(await StaffClient.Replaying(_factory, cookie).GetAsync("/quan-tri/nhat-ky")));

        // Signing in again gives him what he now is: an editor.
        var (again, _) = await StaffClient.SignInAsync(_factory, "pho-phong@example.vn");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/quan-tri/noi-dung")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/quan-tri/nguoi-dung")).StatusCode);
    }

    [Fact]
    public async Task A_locked_editor_is_refused_on_the_next_request()
    {
        var admin = await StaffClient.SignedInAsync(_factory, "quan-tri-khoa@example.vn", PortalRoles.Admin);
        var editor = await StaffClient.SignedInAsync(_factory, "bi-khoa@example.vn", PortalRoles.Editor);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/quan-tri/noi-dung")).StatusCode);

        var id = await StaffClient.IdOfAsync(_factory, "bi-khoa@example.vn");
        await StaffClient.PostFormAsync(admin, "/quan-tri/nguoi-dung?handler=Lock", new() { ["id"] = id, ["locked"] = "true" }, "/quan-tri/nguoi-dung");
        Assert.True(StaffClient.IsSentToSignIn(await editor.GetAsync("/quan-tri/noi-dung")));
    }

    [Fact]
    public async Task A_session_of_an_account_locked_out_by_wrong_passwords_is_refused_too()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "bi-doan@example.vn", PortalRoles.Editor);
        var guesser = StaffClient.Anonymous(_factory);
        for (var i = 0; i < 5; i++)
            await StaffClient.PostFormAsync(guesser, "/dang-nhap", new() { ["Email"] = "bi-doan@example.vn", ["Password"] = $"doan-mat-khau-so-{i}" });
        Assert.True(StaffClient.IsSentToSignIn(await editor.GetAsync("/quan-tri/noi-dung")));
    }

    /// <summary>A form tag helper adds no token to a form with a literal action; such a form must ask for it (asp-antiforgery) or use asp-page.</summary>
    [Fact]
    public void Every_post_form_with_a_literal_action_asks_for_its_token()
    {
        // The buyer enquiry posts without a token on purpose (its page stays cacheable): its handler is
        // [IgnoreAntiforgeryToken] and refuses cross-site posts by their Origin and Sec-Fetch-Site headers (EnquiryTests).
        // So does "Trang này có hữu ích không? / Báo lỗi trang này" on every public page and its report form (PageFeedbackTests).
        string[] tokenless = ["_EnquiryForm.cshtml"];
        string[] tokenlessActions = ["action=\"@SiteLinks.Feedback\"", "action=\"@(english ? EnglishSite.Feedback : SiteLinks.Feedback)\""];
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cshtml", SearchOption.AllDirectories))
        {
            foreach (Match form in Regex.Matches(File.ReadAllText(file), "<form\\b[^>]*>", RegexOptions.IgnoreCase))
            {
                var tag = form.Value;
                if (!Regex.IsMatch(tag, "method=\"post\"", RegexOptions.IgnoreCase) || !Regex.IsMatch(tag, "\\saction=\"", RegexOptions.IgnoreCase)) continue;
                if (tag.Contains("asp-antiforgery=\"true\"", StringComparison.Ordinal) || tokenless.Contains(Path.GetFileName(file))
                    || tokenlessActions.Any(action => tag.Contains(action, StringComparison.Ordinal))) continue;
                missing.Add($"{Path.GetRelativePath(RepositoryPaths.Root, file)}: {tag}");
            }
        }
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public async Task Every_post_form_on_the_admin_and_sign_in_pages_carries_a_token()
    {
        var admin = await StaffClient.SignedInAsync(_factory, "moi-bieu-mau@example.vn", PortalRoles.Admin);
        string[] pages = ["/quan-tri", "/quan-tri/noi-dung", "/quan-tri/noi-dung/sua?loai=news", "/quan-tri/noi-dung/sua/1", "/quan-tri/nguoi-dung", "/quan-tri/mat-khau",
            "/quan-tri/xac-thuc-hai-lop", "/quan-tri/thu-vien-anh", "/quan-tri/hoi-mua", "/quan-tri/thong-ke", "/quan-tri/nhat-ky"];
        var missing = new List<string>();
        foreach (var url in pages.Append("/dang-nhap"))
        {
            var (response, _, page) = await Html.GetAsync(url == "/dang-nhap" ? StaffClient.Anonymous(_factory) : admin, url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            foreach (var form in page.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
                if (form.QuerySelector("input[name=__RequestVerificationToken]") is null) missing.Add($"{url}: <form action=\"{form.GetAttribute("action")}\" class=\"{form.ClassName}\">");
        }
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }
}
