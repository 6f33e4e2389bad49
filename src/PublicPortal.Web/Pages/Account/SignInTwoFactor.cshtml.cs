using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Account;

/// <summary>The second step of sign-in: a code from the authenticator app (each accepted once), or a one-time recovery code.</summary>
[EnableRateLimiting(AdminPolicies.SignInRateLimit)]
public sealed class SignInTwoFactorModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, AccountRateLimiter limiter, PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public bool Recovery { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        ReturnUrl = ReturnUrls.Local(Url, ReturnUrl);
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect(SiteLinks.SignIn) : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnUrl = ReturnUrls.Local(Url, ReturnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return Redirect(SiteLinks.SignIn);
        if (await limiter.RefuseAsync(AccountRateLimiter.TwoFactorKey(user), Response) is { } refused) return refused;
        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = Recovery
            ? await RecoveryCodeSignInAsync(user)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var actor = user.Email ?? "?";
        if (result.Succeeded)
        {
            await AuditAsync(actor, AuditActions.SignIn, Recovery ? "Đăng nhập bằng mã khôi phục" : "Đăng nhập (hai lớp)");
            return LocalRedirect(ReturnUrl ?? SiteLinks.Admin.Home);
        }
        await AuditAsync(actor, AuditActions.SignInFailed, result.IsLockedOut ? "Mã xác thực sai; tài khoản bị khóa tạm thời" : "Mã xác thực sai");
        Error = result.IsLockedOut ? "Tài khoản tạm thời bị khóa do nhập sai nhiều lần. Hãy thử lại sau 5 phút." : "Mã không đúng hoặc đã hết hạn.";
        return Page();
    }

    /// <summary>Identity counts no wrong recovery code toward lockout (dotnet/aspnetcore#17184); here they count like wrong codes.</summary>
    private async Task<Microsoft.AspNetCore.Identity.SignInResult> RecoveryCodeSignInAsync(PortalUser user)
    {
        if (await users.IsLockedOutAsync(user)) return Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Trim());
        if (result.Succeeded) return result;
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut : Microsoft.AspNetCore.Identity.SignInResult.Failed;
    }

    private async Task AuditAsync(string actor, string action, string summary)
    {
        db.Audit(clock, actor, action, summary);
        await db.SaveChangesAsync();
    }
}
