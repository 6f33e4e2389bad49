using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Web.Areas.Admin.Pages.Account;

/// <summary>
/// Enrol an authenticator; once it is on, switching it off (or replacing it) and new recovery codes need the password
/// and a current code, so a session alone — a borrowed computer, a stolen cookie — cannot take the second factor away.
/// </summary>
[EnableRateLimiting(AdminPolicies.SignInRateLimit)]
public sealed class TwoFactorModel(UserManager<PortalUser> users, IUserStore<PortalUser> store, SignInManager<PortalUser> signIn, AccountConfirmation confirmation, AccountRateLimiter limiter, PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";

    public bool Enabled { get; private set; }
    public bool Required => Request.Query.ContainsKey("bat-buoc");
    public string Key { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public bool Renewed { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    /// <summary>The code from the app proves it holds the key; only then is two-factor sign-in switched on.</summary>
    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        // Already on: a code alone must not hand out a new set of recovery codes.
        if (user.TwoFactorEnabled) return Redirect(Authenticator.EnrolPath);
        var code = new string(Code.Where(char.IsDigit).ToArray());
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = "Mã xác thực không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng.";
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await AuditAsync(user, "Bật xác thực hai lớp");
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Off, with a new key ready on the page: also how an authenticator is replaced (a new phone).</summary>
    public async Task<IActionResult> OnPostDisableAsync()
    {
        var (user, refused) = await ConfirmAsync();
        if (user is null) return refused!;
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await OneTimeAuthenticatorTokenProvider.ForgetLastStepAsync(users, user);
        await AuditAsync(user, "Tắt xác thực hai lớp");
        await signIn.RefreshSignInAsync(user);
        return Redirect(Authenticator.EnrolPath);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var (user, refused) = await ConfirmAsync();
        if (user is null) return refused!;
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        Renewed = true;
        await AuditAsync(user, "Tạo mã khôi phục mới");
        await LoadAsync(user);
        return Page();
    }

    /// <summary>The signed-in user when the password and a current code were given; otherwise what to answer.</summary>
    private async Task<(PortalUser? User, IActionResult? Refused)> ConfirmAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return (null, Challenge());
        if (!user.TwoFactorEnabled) return (null, Redirect(Authenticator.EnrolPath));
        if (await limiter.RefuseAsync(AccountRateLimiter.TwoFactorKey(user), Response) is { } limited) return (null, limited);
        if (await confirmation.ConfirmAsync(user, Password, Code)) return (user, null);
        Error = "Mật khẩu hoặc mã xác thực không đúng.";
        await LoadAsync(user);
        return (null, Page());
    }

    private async Task LoadAsync(PortalUser user)
    {
        Enabled = user.TwoFactorEnabled;
        if (Enabled) return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: its new security stamp would end this very session (stamps are checked on
            // every request). A first key protects nothing until a code from it has been checked.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<PortalUser>)store).SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
            await users.UpdateAsync(user);
        }
        Key = key;
        QrSvg = Authenticator.QrSvg(Authenticator.Uri(user.Email ?? user.UserName ?? "", Key));
    }

    private async Task AuditAsync(PortalUser user, string summary)
    {
        db.Audit(clock, user.Email ?? "?", AuditActions.TwoFactorChanged, summary, user.Email);
        await db.SaveChangesAsync();
    }
}
