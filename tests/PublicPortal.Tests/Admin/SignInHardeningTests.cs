using System.Net;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>The sign-in page with hostile return addresses, and what it tells about which accounts exist.</summary>
public sealed class SignInHardeningTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { Settings = { ["Portal:SignIn:PermitLimit"] = "1000", ["Portal:SignIn:AccountPermitLimit"] = "1000" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static string? Alert(string html) => Html.Parse(html).QuerySelector("[role=alert]")?.TextContent;

    [Fact]
    public async Task Hostile_return_addresses_never_leave_the_site_nor_answer_500()
    {
        const string email = "tro-ve@example.vn";
        await StaffClient.CreateUserAsync(_factory, email, PortalRoles.Editor);
        (string ReturnUrl, string Expected)[] cases =
        [
            ("/quan-tri/noi-dung?loai=news", "/quan-tri/noi-dung?loai=news"),
            ("/tin-túc", "/tin-t%C3%BAc"),
            ("/tin-tu\u0301c", "/tin-tu%CC%81c"),
            ("/quan-tri/noi-dung?q=gốm sứ#top", "/quan-tri/noi-dung?q=g%E1%BB%91m%20s%E1%BB%A9#top"),
            ("/a\r\nSet-Cookie: x=1", "/quan-tri"),
            ("//evil.example", "/quan-tri"),
            ("/\\evil.example", "/quan-tri"),
            ("https://evil.example", "/quan-tri"),
            ("http:/evil.example", "/quan-tri"),
            ("javascript:alert(1)", "/quan-tri"),
            (" //evil.example", "/quan-tri"),
            ("/" + new string('a', 5000), "/quan-tri"),
        ];
        foreach (var (returnUrl, expected) in cases)
        {
            var url = "/dang-nhap?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
            var client = StaffClient.Anonymous(_factory);
            var (get, _, page) = await Html.GetAsync(client, url);
            Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET {returnUrl}: {get.StatusCode}");
            var carried = page.QuerySelector("input[name=ReturnUrl]")?.GetAttribute("value") ?? "";
            Assert.True(carried.Length == 0 || carried == expected, $"GET {returnUrl}: the form carries {carried}");

            var wrong = await StaffClient.PostFormAsync(client, url, new() { ["Email"] = email, ["Password"] = "sai-mat-khau-123456" }, url);
            Assert.True(wrong.StatusCode == HttpStatusCode.OK, $"POST {returnUrl} (wrong password): {wrong.StatusCode}");
            var right = await StaffClient.PostFormAsync(client, url, new() { ["Email"] = email, ["Password"] = StaffClient.Password }, url);
            Assert.True(right.StatusCode == HttpStatusCode.Redirect, $"POST {returnUrl}: {right.StatusCode}");
            Assert.Equal(expected, right.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task A_known_and_an_unknown_address_get_the_same_answers_all_the_way_through_lockout()
    {
        await StaffClient.CreateUserAsync(_factory, "co-that@example.vn", PortalRoles.Editor);
        var client = StaffClient.Anonymous(_factory);
        for (var i = 1; i <= 7; i++)
        {
            var known = await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "co-that@example.vn", ["Password"] = $"doan-lan-thu-{i}-abc" });
            var unknown = await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "khong-co-that@example.vn", ["Password"] = $"doan-lan-thu-{i}-abc" });
            Assert.Equal(known.StatusCode, unknown.StatusCode);
            Assert.Equal(Alert(await known.Content.ReadAsStringAsync()), Alert(await unknown.Content.ReadAsStringAsync()));
        }
        // Locked by now: the right password does not sign in, and the answer is still the unknown address's.
        var right = await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "co-that@example.vn", ["Password"] = StaffClient.Password });
        var none = await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "khong-co-that@example.vn", ["Password"] = StaffClient.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(Alert(await none.Content.ReadAsStringAsync()), Alert(await right.Content.ReadAsStringAsync()));
        Assert.True(StaffClient.IsSentToSignIn(await client.GetAsync("/quan-tri")));
    }
}

/// <summary>Sign-in posts are limited per account too (a spread of addresses guessing one password).</summary>
public sealed class SignInAccountRateLimitTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { Settings = { ["Portal:SignIn:PermitLimit"] = "1000", ["Portal:SignIn:AccountPermitLimit"] = "3" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_fourth_post_for_one_address_gets_429_known_or_not()
    {
        await StaffClient.CreateUserAsync(_factory, "mot-tai-khoan@example.vn", PortalRoles.Editor);
        foreach (var email in new[] { "mot-tai-khoan@example.vn", "Khong-Ai@Example.vn" })
        {
            for (var i = 0; i < 3; i++)
            {
                // A new client each time: a fresh cookie jar, as a spread of guessers would have.
                var fresh = StaffClient.Anonymous(_factory);
                var guess = await StaffClient.PostFormAsync(fresh, "/dang-nhap", new() { ["Email"] = i == 1 ? email.ToUpperInvariant() : email, ["Password"] = $"doan-mat-khau-{i}-abc" });
                Assert.True(guess.StatusCode == HttpStatusCode.OK, $"{email} #{i}: {guess.StatusCode}");
            }
            var limited = await StaffClient.PostFormAsync(StaffClient.Anonymous(_factory), "/dang-nhap", new() { ["Email"] = " " + email + " ", ["Password"] = "doan-mat-khau-9-abc" });
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Contains("Quá nhiều yêu cầu", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var other = await StaffClient.PostFormAsync(StaffClient.Anonymous(_factory), "/dang-nhap", new() { ["Email"] = "nguoi-khac@example.vn", ["Password"] = "doan-mat-khau-0-abc" });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
