using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Web.Areas.Admin.Pages.Account;

[EnableRateLimiting(AdminPolicies.SignInRateLimit)]
public sealed class TwoFactorModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public string Code { get; set; } = "";

    public bool Enabled { get; private set; }
    public bool Required => Request.Query.ContainsKey("bat-buoc");
    public string Key { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
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

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await AuditAsync(user, "Tắt xác thực hai lớp");
        await signIn.RefreshSignInAsync(user);
        return Redirect(Features.Admin.Authenticator.EnrolPath);
    }

    private async Task LoadAsync(PortalUser user)
    {
        Enabled = user.TwoFactorEnabled;
        if (Enabled) return;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        Key = key!;
        QrSvg = Features.Admin.Authenticator.QrSvg(Features.Admin.Authenticator.Uri(user.Email ?? user.UserName ?? "", Key));
    }

    private async Task AuditAsync(PortalUser user, string summary)
    {
        db.Audit(clock, user.Email ?? "?", AuditActions.TwoFactorChanged, summary, user.Email);
        await db.SaveChangesAsync();
    }
}
