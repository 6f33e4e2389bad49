using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Account;

[EnableRateLimiting(AdminPolicies.SignInRateLimit)]
public sealed class SignInModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, AccountRateLimiter limiter, PortalDbContext db, TimeProvider clock) : PageModel
{
    // Verified against when the account does not exist or is locked, so every answer costs one password hash.
    private static readonly string DummyHash = new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), "not-a-real-password-0000");

    [BindProperty, Required(ErrorMessage = "Hãy nhập email."), Display(Name = "Email")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Hãy nhập mật khẩu."), DataType(DataType.Password), Display(Name = "Mật khẩu")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public LockoutOptions Lockout => users.Options.Lockout;

    public void OnGet() => ReturnUrl = ReturnUrls.Local(Url, ReturnUrl);

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnUrl = ReturnUrls.Local(Url, ReturnUrl);
        if (!ModelState.IsValid) return Page();
        var email = Email.Trim();
        // Per account, before anything could tell a known address from an unknown one.
        if (await limiter.RefuseAsync(AccountRateLimiter.SignInKey(users, email), Response) is { } refused) return refused;
        var user = await users.FindByEmailAsync(email);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            users.PasswordHasher.VerifyHashedPassword(new PortalUser(), DummyHash, Password);
            return await FailAsync(email, user is null ? "tài khoản không tồn tại" : "tài khoản đang bị khóa tạm thời");
        }
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await AuditAsync(email, AuditActions.SignIn, "Đăng nhập");
            return LocalRedirect(ReturnUrl ?? SiteLinks.Admin.Home);
        }
        if (result.RequiresTwoFactor) return Redirect(SiteLinks.SignInTwoFactor + (ReturnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(ReturnUrl)));
        return await FailAsync(email, result.IsLockedOut ? "sai mật khẩu; tài khoản bị khóa tạm thời" : "sai mật khẩu");
    }

    private async Task<IActionResult> FailAsync(string email, string reason)
    {
        await AuditAsync(email, AuditActions.SignInFailed, $"Đăng nhập thất bại: {reason}");
        // One answer for an unknown address, a wrong password and a locked account: the page must not tell which
        // accounts exist (a lockout notice shown only for real accounts did). The page says beforehand how lockout works.
        Error = "Email hoặc mật khẩu không đúng.";
        return Page();
    }

    private async Task AuditAsync(string actor, string action, string summary)
    {
        db.Audit(clock, actor, action, summary);
        await db.SaveChangesAsync();
    }
}
