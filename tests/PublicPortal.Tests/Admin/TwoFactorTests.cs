using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>Authenticator-app sign-in, from enrolment with a generated TOTP code to the second step of sign-in, and admins requiring it.</summary>
public sealed class TwoFactorTests : IAsyncLifetime
{
    // The site's clock starts at the real time; codes are computed from it and it is moved on by whole time-steps,
    // since a code once accepted is refused ever after.
    private readonly PortalFactory _factory = new() { Clock = new TestClock(DateTimeOffset.UtcNow) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits), as an authenticator app computes it from the shown key.</summary>
    internal static string Totp(string base32Key, DateTimeOffset at)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Key.ToUpperInvariant().Where(c => c != ' ' && c != '=').Select(c => Convert.ToString(alphabet.IndexOf(c), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = BitConverter.GetBytes(at.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
#pragma warning disable CA5350 // RFC 6238 TOTP, as the authenticator app computes it
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private string Code(string key) => Totp(key, _factory.Clock.GetUtcNow());

    private void NextTimeStep() => _factory.Clock.Advance(TimeSpan.FromSeconds(30));

    private Task<string> KeyOfAsync(string email) => KeyOfAsync(_factory, email);

    internal static async Task<string> KeyOfAsync(PortalFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!))!;
    }

    [Fact]
    public async Task Enrolling_an_authenticator_then_signing_in_needs_its_code()
    {
        var client = await StaffClient.SignedInAsync(_factory, "hai-lop@example.vn", PortalRoles.Editor);
        var (_, _, page) = await Html.GetAsync(client, "/quan-tri/xac-thuc-hai-lop");
        Assert.NotNull(page.QuerySelector("figure.qr svg"));
        var key = await KeyOfAsync("hai-lop@example.vn");
        Assert.Equal(key.ToLowerInvariant(), page.QuerySelector("code.key")!.TextContent.Replace(" ", "", StringComparison.Ordinal));

        var wrong = await StaffClient.PostFormAsync(client, "/quan-tri/xac-thuc-hai-lop?handler=Enable", new() { ["Code"] = "000000" }, "/quan-tri/xac-thuc-hai-lop");
        Assert.Contains("Mã xác thực không đúng", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var enabled = await StaffClient.PostFormAsync(client, "/quan-tri/xac-thuc-hai-lop?handler=Enable", new() { ["Code"] = Code(key) }, "/quan-tri/xac-thuc-hai-lop");
        var recovery = Html.Parse(await enabled.Content.ReadAsStringAsync()).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, recovery.Count);

        // A new session: the password alone is not enough any more.
        NextTimeStep();
        var fresh = StaffClient.Anonymous(_factory);
        var step1 = await StaffClient.PostFormAsync(fresh, "/dang-nhap", new() { ["Email"] = "hai-lop@example.vn", ["Password"] = StaffClient.Password });
        Assert.Equal("/dang-nhap/xac-thuc", step1.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/quan-tri")).StatusCode);
        var bad = await StaffClient.PostFormAsync(fresh, "/dang-nhap/xac-thuc", new() { ["Code"] = "123456" });
        Assert.Contains("Mã không đúng", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var good = await StaffClient.PostFormAsync(fresh, "/dang-nhap/xac-thuc", new() { ["Code"] = Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/quan-tri")).StatusCode);

        // A recovery code works once.
        var other = StaffClient.Anonymous(_factory);
        await StaffClient.PostFormAsync(other, "/dang-nhap", new() { ["Email"] = "hai-lop@example.vn", ["Password"] = StaffClient.Password });
        Assert.Equal(HttpStatusCode.Redirect, (await StaffClient.PostFormAsync(other, "/dang-nhap/xac-thuc", new() { ["Code"] = recovery[0], ["Recovery"] = "true" })).StatusCode);
        var third = StaffClient.Anonymous(_factory);
        await StaffClient.PostFormAsync(third, "/dang-nhap", new() { ["Email"] = "hai-lop@example.vn", ["Password"] = StaffClient.Password });
        Assert.Equal(HttpStatusCode.OK, (await StaffClient.PostFormAsync(third, "/dang-nhap/xac-thuc", new() { ["Code"] = recovery[0], ["Recovery"] = "true" })).StatusCode);
    }

    [Fact]
    public async Task When_admins_require_it_staff_without_an_authenticator_are_sent_to_enrol()
    {
        var admin = await StaffClient.SignedInAsync(_factory, "quan-tri@example.vn", PortalRoles.Admin);
        var editor = await StaffClient.SignedInAsync(_factory, "bien-tap@example.vn", PortalRoles.Editor);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/quan-tri/noi-dung")).StatusCode);

        await StaffClient.PostFormAsync(admin, "/quan-tri/nguoi-dung?handler=TwoFactor", new() { ["required"] = "true" }, "/quan-tri/nguoi-dung");
        var sent = await editor.GetAsync("/quan-tri/noi-dung");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/quan-tri/xac-thuc-hai-lop?bat-buoc=1", sent.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/quan-tri/xac-thuc-hai-lop?bat-buoc=1")).StatusCode);
        await _factory.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.SettingChanged && e.Actor == "quan-tri@example.vn")));
    }
}

/// <summary>Admins create staff accounts and reset passwords; each new password is shown once and works.</summary>
public sealed class UserAdminTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_admin_creates_an_editor_and_resets_a_password()
    {
        var admin = await StaffClient.SignedInAsync(factory, "quan-tri-2@example.vn", PortalRoles.Admin);
        var created = await StaffClient.PostFormAsync(admin, "/quan-tri/nguoi-dung?handler=Create", new() { ["email"] = "moi@example.vn", ["role"] = PortalRoles.Editor }, "/quan-tri/nguoi-dung");
        var password = Html.Parse(await created.Content.ReadAsStringAsync()).QuerySelector("code.new-password")!.TextContent;
        Assert.Equal(20, password.Length);

        var newcomer = StaffClient.Anonymous(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffClient.PostFormAsync(newcomer, "/dang-nhap", new() { ["Email"] = "moi@example.vn", ["Password"] = password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("/quan-tri/noi-dung")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await newcomer.GetAsync("/quan-tri/nguoi-dung")).StatusCode);

        string id = "";
        await factory.WithDbAsync(async db => id = (await db.Users.SingleAsync(u => u.Email == "moi@example.vn")).Id);
        var reset = await StaffClient.PostFormAsync(admin, "/quan-tri/nguoi-dung?handler=Reset", new() { ["id"] = id }, "/quan-tri/nguoi-dung");
        var second = Html.Parse(await reset.Content.ReadAsStringAsync()).QuerySelector("code.new-password")!.TextContent;
        Assert.NotEqual(password, second);
        var again = StaffClient.Anonymous(factory);
        Assert.Equal(HttpStatusCode.OK, (await StaffClient.PostFormAsync(again, "/dang-nhap", new() { ["Email"] = "moi@example.vn", ["Password"] = password })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffClient.PostFormAsync(again, "/dang-nhap", new() { ["Email"] = "moi@example.vn", ["Password"] = second })).StatusCode);

        var duplicate = await StaffClient.PostFormAsync(admin, "/quan-tri/nguoi-dung?handler=Create", new() { ["email"] = "moi@example.vn", ["role"] = PortalRoles.Editor }, "/quan-tri/nguoi-dung");
        Assert.Contains("đã có tài khoản", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
