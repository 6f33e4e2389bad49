using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Web.Pages.Account;

[EnableRateLimiting(AdminPolicies.SignInRateLimit)]
public sealed class SignInModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, PortalDbContext db, TimeProvider clock) : PageModel
{
    // Verified against when the account does not exist, so an unknown address costs the same time as a wrong password.
    private static readonly string DummyHash = new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), "not-a-real-password-0000");

    [BindProperty, Required(ErrorMessage = "Hãy nhập email."), Display(Name = "Email")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Hãy nhập mật khẩu."), DataType(DataType.Password), Display(Name = "Mật khẩu")]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var email = Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new PortalUser(), DummyHash, Password);
            return await FailAsync(email, "tài khoản không tồn tại");
        }
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await AuditAsync(email, AuditActions.SignIn, "Đăng nhập");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/quan-tri");
        }
        if (result.IsLockedOut)
        {
            await AuditAsync(email, AuditActions.SignInFailed, "Đăng nhập thất bại: tài khoản đang bị khóa tạm thời");
            Error = "Tài khoản tạm thời bị khóa do nhập sai nhiều lần. Hãy thử lại sau 5 phút.";
            return Page();
        }
        if (result.RequiresTwoFactor) return Redirect("/dang-nhap/xac-thuc" + (Url.IsLocalUrl(ReturnUrl) ? "?ReturnUrl=" + Uri.EscapeDataString(ReturnUrl!) : ""));
        return await FailAsync(email, "sai mật khẩu");
    }

    private async Task<IActionResult> FailAsync(string email, string reason)
    {
        await AuditAsync(email, AuditActions.SignInFailed, $"Đăng nhập thất bại: {reason}");
        // The same words for an unknown address and a wrong password: the page must not tell which accounts exist.
        Error = "Email hoặc mật khẩu không đúng.";
        return Page();
    }

    private async Task AuditAsync(string actor, string action, string summary)
    {
        db.Audit(clock, actor, action, summary);
        await db.SaveChangesAsync();
    }
}
