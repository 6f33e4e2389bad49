using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>No one gets into /quan-tri who should not: anonymous visitors, editors on admin pages, password guessers.</summary>
public sealed class AdminAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Every admin page the app has, found from its endpoints (so a page added later is checked too).</summary>
    private List<string> AdminRoutes() => factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Select(e => e.RoutePattern.RawText ?? "")
        .Where(p => p.StartsWith("/quan-tri", StringComparison.Ordinal) || p.StartsWith("quan-tri", StringComparison.Ordinal))
        .Select(p => "/" + System.Text.RegularExpressions.Regex.Replace(p.TrimStart('/'), @"\{[^}]+\}", "1"))
        .Distinct().ToList();

    [Fact]
    public async Task Every_admin_route_sends_an_anonymous_visitor_to_sign_in()
    {
        var routes = AdminRoutes();
        Assert.True(routes.Count >= 7, string.Join(", ", routes));
        var client = StaffClient.Anonymous(factory);
        foreach (var route in routes)
        {
            var get = await client.GetAsync(route);
            Assert.True(get.StatusCode == HttpStatusCode.Redirect, $"GET {route}: {get.StatusCode}");
            Assert.StartsWith("/dang-nhap", get.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            var post = await client.PostAsync(route, new FormUrlEncodedContent(new Dictionary<string, string> { ["Title"] = "x" }));
            Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"POST {route}: {post.StatusCode}");
        }
        await factory.WithDbAsync(async db => Assert.False(await db.ContentItems.AnyAsync(x => x.Title == "x")));
    }

    [Fact]
    public async Task An_editor_is_refused_the_admin_only_pages_but_edits_content()
    {
        var editor = await StaffClient.SignedInAsync(factory, "bien-tap-1@example.vn", PortalRoles.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/quan-tri/nhat-ky")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/quan-tri")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/quan-tri/noi-dung")).StatusCode);

        var admin = await StaffClient.SignedInAsync(factory, "quan-tri-1@example.vn", PortalRoles.Admin);
        var (response, _, log) = await Html.GetAsync(admin, "/quan-tri/nhat-ky");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(log.QuerySelectorAll("td"), td => td.TextContent == "bien-tap-1@example.vn");
    }

    [Fact]
    public async Task Unknown_address_and_wrong_password_get_the_same_answer()
    {
        await StaffClient.CreateUserAsync(factory, "bien-tap-2@example.vn", PortalRoles.Editor);
        var client = StaffClient.Anonymous(factory);
        var unknown = await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "khong-co@example.vn", ["Password"] = "sai-mat-khau-123456" });
        var wrong = await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "bien-tap-2@example.vn", ["Password"] = "sai-mat-khau-123456" });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        string Alert(string html) => Html.Parse(html).QuerySelector("[role=alert]")!.TextContent;
        Assert.Equal("Email hoặc mật khẩu không đúng.", Alert(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal("Email hoặc mật khẩu không đúng.", Alert(await wrong.Content.ReadAsStringAsync()));
        Assert.DoesNotContain(wrong.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.Contains("portal.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await StaffClient.CreateUserAsync(factory, "bien-tap-3@example.vn", PortalRoles.Editor);
        var client = StaffClient.Anonymous(factory);
        for (var i = 0; i < 5; i++)
            await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "bien-tap-3@example.vn", ["Password"] = $"doan-mo-mat-khau-{i}" });
        var right = await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "bien-tap-3@example.vn", ["Password"] = StaffClient.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        // The answer of any failed sign-in (a lockout notice would tell that the account exists); the page says beforehand how lockout works.
        var page = Html.Parse(await right.Content.ReadAsStringAsync());
        Assert.Equal("Email hoặc mật khẩu không đúng.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Contains("tạm thời bị khóa 5 phút", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/quan-tri")).StatusCode);
    }
}

/// <summary>Sign-in posts are rate-limited per address with 429 (a low limit here so the test is quick).</summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { Settings = { ["Portal:SignIn:PermitLimit"] = "3" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_fourth_sign_in_post_within_the_window_gets_429_in_vietnamese()
    {
        var client = StaffClient.Anonymous(_factory);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "a@example.vn", ["Password"] = "sai-mat-khau-123456" })).StatusCode);
        var limited = await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "a@example.vn", ["Password"] = "sai-mat-khau-123456" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Quá nhiều yêu cầu", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dang-nhap")).StatusCode); // opening the page is free
    }
}
