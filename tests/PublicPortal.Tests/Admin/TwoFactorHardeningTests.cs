using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>
/// The second factor cannot be taken away with a session alone, an authenticator code works once, and guessing
/// recovery codes locks the account like guessing codes does.
/// </summary>
public sealed class TwoFactorHardeningTests : IAsyncLifetime
{
    private const string Page = "/quan-tri/xac-thuc-hai-lop";

    private readonly PortalFactory _factory = new()
    {
        Clock = new TestClock(DateTimeOffset.UtcNow),
        Settings = { ["Portal:SignIn:PermitLimit"] = "1000" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private string Code(string key) => TwoFactorTests.Totp(key, _factory.Clock.GetUtcNow());

    private string WrongCode(string key) => Code(key) == "000000" ? "111111" : "000000";

    private void NextTimeStep() => _factory.Clock.Advance(TimeSpan.FromSeconds(30));

    private static List<string> RecoveryCodesIn(string html) =>
        Html.Parse(html).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();

    /// <summary>An editor who has switched the authenticator on through the page; the clock is then one step on.</summary>
    private async Task<(HttpClient Client, string Key, List<string> Recovery)> EnrolledAsync(string email)
    {
        var client = await StaffClient.SignedInAsync(_factory, email, PortalRoles.Editor);
        await client.GetAsync(Page);
        var key = await TwoFactorTests.KeyOfAsync(_factory, email);
        var enabled = await StaffClient.PostFormAsync(client, Page + "?handler=Enable", new() { ["Code"] = Code(key) }, Page);
        var recovery = RecoveryCodesIn(await enabled.Content.ReadAsStringAsync());
        Assert.Equal(10, recovery.Count);
        NextTimeStep();
        return (client, key, recovery);
    }

    private async Task<bool> TwoFactorOnAsync(string email)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return await users.GetTwoFactorEnabledAsync((await users.FindByEmailAsync(email))!);
    }

    /// <summary>The password step of a new sign-in; the client is then at the code step.</summary>
    private async Task<HttpClient> AtCodeStepAsync(string email)
    {
        var client = StaffClient.Anonymous(_factory);
        var step1 = await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = email, ["Password"] = StaffClient.Password });
        Assert.Equal("/dang-nhap/xac-thuc", step1.Headers.Location!.OriginalString);
        return client;
    }

    [Fact]
    public async Task Switching_two_factor_off_needs_the_password_and_a_current_code()
    {
        const string email = "tat-hai-lop@example.vn";
        var (client, key, _) = await EnrolledAsync(email);

        // A stolen session alone, then each factor without the other.
        await StaffClient.PostFormAsync(client, Page + "?handler=Disable", [], Page);
        Assert.True(await TwoFactorOnAsync(email));
        var noPassword = await StaffClient.PostFormAsync(client, Page + "?handler=Disable", new() { ["Password"] = "khong-phai-mat-khau", ["Code"] = Code(key) }, Page);
        Assert.Contains("Mật khẩu hoặc mã xác thực không đúng", await noPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await TwoFactorOnAsync(email));
        await StaffClient.PostFormAsync(client, Page + "?handler=Disable", new() { ["Password"] = StaffClient.Password, ["Code"] = WrongCode(key) }, Page);
        Assert.True(await TwoFactorOnAsync(email));

        var off = await StaffClient.PostFormAsync(client, Page + "?handler=Disable", new() { ["Password"] = StaffClient.Password, ["Code"] = Code(key) }, Page);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await TwoFactorOnAsync(email));
        // The page offers a new key at once (replacing the authenticator), and a code of the new key is accepted in the same time-step.
        var newKey = await TwoFactorTests.KeyOfAsync(_factory, email);
        Assert.NotEqual(key, newKey);
        var again = await StaffClient.PostFormAsync(client, Page + "?handler=Enable", new() { ["Code"] = Code(newKey) }, Page);
        Assert.Equal(10, RecoveryCodesIn(await again.Content.ReadAsStringAsync()).Count);
    }

    [Fact]
    public async Task New_recovery_codes_need_the_password_and_a_current_code_and_replace_the_old_ones()
    {
        const string email = "ma-khoi-phuc@example.vn";
        var (client, key, old) = await EnrolledAsync(email);

        // "Enable" again with a code alone must not hand out a fresh set either.
        var reEnable = await StaffClient.PostFormAsync(client, Page + "?handler=Enable", new() { ["Code"] = Code(key) }, Page);
        Assert.Empty(RecoveryCodesIn(await reEnable.Content.ReadAsStringAsync()));
        NextTimeStep();
        var refused = await StaffClient.PostFormAsync(client, Page + "?handler=RecoveryCodes", new() { ["Password"] = "khong-phai-mat-khau", ["Code"] = Code(key) }, Page);
        Assert.Empty(RecoveryCodesIn(await refused.Content.ReadAsStringAsync()));

        var renewed = await StaffClient.PostFormAsync(client, Page + "?handler=RecoveryCodes", new() { ["Password"] = StaffClient.Password, ["Code"] = Code(key) }, Page);
        var fresh = RecoveryCodesIn(await renewed.Content.ReadAsStringAsync());
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(old));

        var withOld = await AtCodeStepAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await StaffClient.PostFormAsync(withOld, "/dang-nhap/xac-thuc", new() { ["Code"] = old[1], ["Recovery"] = "true" })).StatusCode);
        var withNew = await AtCodeStepAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffClient.PostFormAsync(withNew, "/dang-nhap/xac-thuc", new() { ["Code"] = fresh[0], ["Recovery"] = "true" })).StatusCode);
    }

    [Fact]
    public async Task An_authenticator_code_is_accepted_once_at_sign_in_and_in_the_admin()
    {
        const string email = "mot-lan@example.vn";
        var (client, key, _) = await EnrolledAsync(email);

        // Used in the admin (new recovery codes), the code cannot then sign anyone in.
        var renewed = await StaffClient.PostFormAsync(client, Page + "?handler=RecoveryCodes", new() { ["Password"] = StaffClient.Password, ["Code"] = Code(key) }, Page);
        Assert.Equal(10, RecoveryCodesIn(await renewed.Content.ReadAsStringAsync()).Count);
        var thief = await AtCodeStepAsync(email);
        var replayed = await StaffClient.PostFormAsync(thief, "/dang-nhap/xac-thuc", new() { ["Code"] = Code(key) });
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("Mã không đúng", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        NextTimeStep();
        var first = await AtCodeStepAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffClient.PostFormAsync(first, "/dang-nhap/xac-thuc", new() { ["Code"] = Code(key) })).StatusCode);
        var second = await AtCodeStepAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await StaffClient.PostFormAsync(second, "/dang-nhap/xac-thuc", new() { ["Code"] = Code(key) })).StatusCode);
        // Nor a code of an earlier step, still inside the clock-drift window.
        var earlier = TwoFactorTests.Totp(key, _factory.Clock.GetUtcNow().AddSeconds(-30));
        Assert.Equal(HttpStatusCode.OK, (await StaffClient.PostFormAsync(second, "/dang-nhap/xac-thuc", new() { ["Code"] = earlier })).StatusCode);
        NextTimeStep();
        Assert.Equal(HttpStatusCode.Redirect, (await StaffClient.PostFormAsync(second, "/dang-nhap/xac-thuc", new() { ["Code"] = Code(key) })).StatusCode);
    }

    [Fact]
    public async Task Wrong_recovery_codes_lock_the_account_like_wrong_codes()
    {
        const string email = "doan-ma-khoi-phuc@example.vn";
        var (_, key, _) = await EnrolledAsync(email);
        var guesser = await AtCodeStepAsync(email);
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
            last = await StaffClient.PostFormAsync(guesser, "/dang-nhap/xac-thuc", new() { ["Code"] = $"abcd{i}-efgh{i}", ["Recovery"] = "true" });
        Assert.Contains("tạm thời bị khóa", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await StaffClient.PostFormAsync(guesser, "/dang-nhap/xac-thuc", new() { ["Code"] = Code(key) });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("tạm thời bị khóa", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(StaffClient.IsSentToSignIn(await guesser.GetAsync("/quan-tri")));
    }
}

/// <summary>The code step is limited per account, whichever addresses the attempts come from.</summary>
public sealed class TwoFactorAccountRateLimitTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new()
    {
        Clock = new TestClock(DateTimeOffset.UtcNow),
        Settings = { ["Portal:SignIn:PermitLimit"] = "1000", ["Portal:SignIn:AccountPermitLimit"] = "3" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_fourth_code_for_one_account_gets_429_with_retry_after()
    {
        const string email = "gioi-han-ma@example.vn";
        await StaffClient.CreateUserAsync(_factory, email, PortalRoles.Editor);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        async Task<HttpClient> AtCodeStepAsync()
        {
            var client = StaffClient.Anonymous(_factory);
            await StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = email, ["Password"] = StaffClient.Password });
            return client;
        }
        var first = await AtCodeStepAsync();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await StaffClient.PostFormAsync(first, "/dang-nhap/xac-thuc", new() { ["Code"] = $"12345{i}" })).StatusCode);
        var limited = await StaffClient.PostFormAsync(first, "/dang-nhap/xac-thuc", new() { ["Code"] = "123459" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, limited.Headers.RetryAfter?.ToString());
        Assert.Contains("Quá nhiều yêu cầu", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var second = await AtCodeStepAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await StaffClient.PostFormAsync(second, "/dang-nhap/xac-thuc", new() { ["Code"] = "123450" })).StatusCode);
    }
}
