using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Web;

/// <summary>Outside Development every cookie is __Host- prefixed: Secure, Path=/, no Domain (read from Set-Cookie over https).</summary>
public sealed class ProductionCookieTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Antiforgery_sign_in_two_factor_and_sign_out_cookies_are_host_prefixed_and_secure()
    {
        await StaffClient.CreateUserAsync(_factory, "cookie@example.vn", PortalRoles.Editor);
        await StaffClient.CreateUserAsync(_factory, "cookie-2fa@example.vn", PortalRoles.Editor);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync("cookie-2fa@example.vn"))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        var seen = new List<string>();
        void Keep(HttpResponseMessage response)
        {
            if (response.Headers.TryGetValues("Set-Cookie", out var values)) seen.AddRange(values);
        }

        var client = StaffClient.Anonymous(_factory);
        var form = await client.GetAsync("/dang-nhap");
        Keep(form);
        Assert.Contains(seen, c => c.Contains("antiforgery", StringComparison.OrdinalIgnoreCase) || c.StartsWith("__Host-portal.af=", StringComparison.Ordinal));
        var signIn = await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "cookie@example.vn", ["Password"] = StaffClient.Password });
        Keep(signIn);
        var auth = signIn.Headers.GetValues("Set-Cookie").Single(c => c.Contains("portal.auth=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-portal.auth=", auth, StringComparison.Ordinal);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
        Keep(await StaffClient.PostFormAsync(client, "/dang-xuat", [], "/quan-tri/mat-khau"));

        var twoFactor = StaffClient.Anonymous(_factory);
        var step1 = await StaffClient.PostFormAsync(twoFactor, "/dang-nhap", new() { ["Email"] = "cookie-2fa@example.vn", ["Password"] = StaffClient.Password });
        Assert.Equal("/dang-nhap/xac-thuc", step1.Headers.Location!.OriginalString);
        Keep(step1);

        Assert.True(seen.Count >= 4, string.Join('\n', seen));
        foreach (var cookie in seen)
        {
            var parts = cookie.Split(';', StringSplitOptions.TrimEntries);
            Assert.True(parts[0].StartsWith("__Host-", StringComparison.Ordinal), cookie);
            Assert.True(parts.Contains("secure", StringComparer.OrdinalIgnoreCase), cookie);
            Assert.True(parts.Contains("path=/", StringComparer.OrdinalIgnoreCase), cookie);
            Assert.DoesNotContain(parts, p => p.StartsWith("domain=", StringComparison.OrdinalIgnoreCase));
        }
    }
}

/// <summary>In Development (plain http on a laptop) the cookies are not Secure, so signing in still works.</summary>
public sealed class DevelopmentCookieTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { Settings = { ["environment"] = "Development" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Signing_in_over_http_works_in_development()
    {
        await StaffClient.CreateUserAsync(_factory, "dev@example.vn", PortalRoles.Editor);
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = "dev@example.vn", ["Password"] = StaffClient.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = signIn.Headers.GetValues("Set-Cookie").Single(c => c.Contains("portal.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/quan-tri")).StatusCode);
    }
}

/// <summary>Headers of the admin and sign-in pages, and of the server.</summary>
public sealed class ResponseDefenceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Admin_and_sign_in_responses_are_never_stored()
    {
        var anonymous = StaffClient.Anonymous(factory);
        var editor = await StaffClient.SignedInAsync(factory, "khong-luu@example.vn", PortalRoles.Editor);
        var responses = new List<(string, HttpResponseMessage)>
        {
            ("GET /dang-nhap", await anonymous.GetAsync("/dang-nhap")),
            ("GET /dang-nhap/xac-thuc", await anonymous.GetAsync("/dang-nhap/xac-thuc")),
            ("GET /dang-xuat", await anonymous.GetAsync("/dang-xuat")),
            ("POST /dang-xuat without token", await anonymous.PostAsync("/dang-xuat", new FormUrlEncodedContent([]))),
            ("GET /quan-tri anonymous", await anonymous.GetAsync("/quan-tri")),
            ("GET /quan-tri", await editor.GetAsync("/quan-tri")),
            ("GET /quan-tri/noi-dung", await editor.GetAsync("/quan-tri/noi-dung")),
            ("GET /quan-tri/nguoi-dung (403)", await editor.GetAsync("/quan-tri/nguoi-dung")),
            ("GET /quan-tri/khong-co (404)", await editor.GetAsync("/quan-tri/khong-co-trang-nay")),
            ("POST /dang-nhap wrong password", await StaffClient.PostFormAsync(StaffClient.Anonymous(factory), "/dang-nhap", new() { ["Email"] = "khong-luu@example.vn", ["Password"] = "sai-mat-khau-123456" })),
        };
        foreach (var (what, response) in responses)
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what}: {(int)response.StatusCode} Cache-Control: {response.Headers.CacheControl}");
        // Public pages keep their caching.
        Assert.NotEqual(true, (await factory.CreateReader().GetAsync("/tin-tuc")).Headers.CacheControl?.NoStore);
    }

    [Fact]
    public void Kestrel_is_told_not_to_send_a_server_header() =>
        Assert.False(factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
}

/// <summary>
/// X-Forwarded-Proto/For are believed only from the proxies in Portal:Traffic:TrustedProxies (addresses or networks),
/// before anything else in the pipeline; plain http is redirected to https and https answers carry a year of HSTS.
/// </summary>
public sealed class ForwardedHeaderTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new()
    {
        Settings =
        {
            ["Portal:PublicOrigin"] = RawRequest.Origin,
            ["Portal:Traffic:TrustedProxies:0"] = "10.1.2.3",
            ["Portal:Traffic:TrustedProxies:1"] = "172.20.0.0/16",
            ["https_port"] = "443",
        },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Action<HttpRequest> ForwardedHttps => r =>
    {
        r.Headers["X-Forwarded-Proto"] = "https";
        r.Headers["X-Forwarded-For"] = "203.0.113.9";
    };

    [Fact]
    public async Task Https_from_a_trusted_proxy_is_served_with_hsts_and_anything_else_is_redirected()
    {
        foreach (var proxy in new[] { "10.1.2.3", "172.20.5.6" })
        {
            var viaProxy = await RawRequest.SendAsync(_factory, "/gioi-thieu", proxy, ForwardedHttps, scheme: "http");
            Assert.True(viaProxy.Response.StatusCode == 200, $"{proxy}: {viaProxy.Response.StatusCode} {viaProxy.Response.Headers.Location}");
            Assert.Equal("max-age=31536000", viaProxy.Response.Headers.StrictTransportSecurity.ToString());
        }

        var spoofed = await RawRequest.SendAsync(_factory, "/gioi-thieu", "10.9.9.9", ForwardedHttps, scheme: "http");
        Assert.Equal(StatusCodes.Status307TemporaryRedirect, spoofed.Response.StatusCode);
        Assert.Equal("https://portal.example/gioi-thieu", spoofed.Response.Headers.Location.ToString());

        var plain = await RawRequest.SendAsync(_factory, "/gioi-thieu?x=1", "10.1.2.3", scheme: "http");
        Assert.Equal(StatusCodes.Status307TemporaryRedirect, plain.Response.StatusCode);
        Assert.Equal("https://portal.example/gioi-thieu?x=1", plain.Response.Headers.Location.ToString());
    }
}

/// <summary>
/// The data-protection keys live in the database: a restart signs no one out and breaks no open form, a second node
/// accepts the first node's cookie and form, and the key files of an older build are taken in.
/// </summary>
public sealed class DataProtectionKeyTests
{
    private sealed record Session(string Cookie, string Antiforgery, string Token);

    private static async Task<Session> SignInAndOpenFormAsync(PortalFactory site, string email)
    {
        await StaffClient.CreateUserAsync(site, email, PortalRoles.Editor);
        var (_, cookie) = await StaffClient.SignInAsync(site, email);
        var form = await StaffClient.Replaying(site, cookie).GetAsync("/quan-tri/mat-khau");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => !c.Contains("portal.auth", StringComparison.Ordinal)).Split(';')[0];
        var token = Html.Parse(await form.Content.ReadAsStringAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return new Session(cookie, antiforgery, token);
    }

    /// <summary>The session is signed in on this site, and the form opened elsewhere posts here (and is answered, not refused).</summary>
    private static async Task AssertValidAsync(PortalFactory site, Session session)
    {
        var client = StaffClient.Replaying(site, session.Cookie + "; " + session.Antiforgery);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/quan-tri")).StatusCode);
        var posted = await client.PostAsync("/quan-tri/mat-khau", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Current"] = "khong-phai-mat-khau", ["New"] = "mat-khau-moi-hoan-toan-2027", ["Confirm"] = "mat-khau-moi-hoan-toan-2027", ["__RequestVerificationToken"] = session.Token,
        }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Mật khẩu hiện tại không đúng", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_and_a_form_token_from_before_a_restart_still_work()
    {
        Session session;
        string dataDirectory;
        await using (var first = new PortalFactory { KeepDataOnDispose = true })
        {
            session = await SignInAndOpenFormAsync(first, "khoi-dong-lai@example.vn");
            dataDirectory = first.DataDirectory;
            await first.WithDbAsync(async db => Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync()));
        }
        await using var second = new PortalFactory { ExistingDataDirectory = dataDirectory };
        await AssertValidAsync(second, session);
    }

    [Fact]
    public async Task A_sign_in_and_a_form_from_one_node_are_valid_on_another_node_of_the_same_postgresql_database()
    {
        await using var nodeA = new PortalFactory { Provider = DatabaseProvider.PostgreSql };
        var session = await SignInAndOpenFormAsync(nodeA, "hai-may@example.vn");
        // Its own data directory (no key files to share), the same database.
        await using var nodeB = nodeA.NextNode();
        Assert.NotEqual(nodeA.DataDirectory, nodeB.DataDirectory);
        await AssertValidAsync(nodeB, session);
    }

    [Fact]
    public async Task The_key_files_of_an_older_build_are_taken_into_the_database_so_its_sign_ins_stay_valid()
    {
        Session session;
        string dataDirectory;
        await using (var first = new PortalFactory { KeepDataOnDispose = true })
        {
            session = await SignInAndOpenFormAsync(first, "ban-cu@example.vn");
            dataDirectory = first.DataDirectory;
            // What an older build left: its keys as files in keys/, none in the database.
            var keysDirectory = Path.Combine(dataDirectory, "keys");
            Directory.CreateDirectory(keysDirectory);
            await first.WithDbAsync(async db =>
            {
                foreach (var key in await db.DataProtectionKeys.ToListAsync())
                    await File.WriteAllTextAsync(Path.Combine(keysDirectory, key.FriendlyName + ".xml"), key.Xml);
                await db.DataProtectionKeys.ExecuteDeleteAsync();
            });
        }
        await using var upgraded = new PortalFactory { ExistingDataDirectory = dataDirectory };
        await AssertValidAsync(upgraded, session);
    }
}
