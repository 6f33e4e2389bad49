using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Web.Areas.Admin.Pages.Account;

[EnableRateLimiting(AdminPolicies.SignInRateLimit)]
public sealed class PasswordModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public string Current { get; set; } = "";
    [BindProperty] public string New { get; set; } = "";
    [BindProperty] public string Confirm { get; set; } = "";
    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (New != Confirm) ModelState.AddModelError(nameof(Confirm), "Hai lần nhập mật khẩu mới không khớp.");
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var result = await users.ChangePasswordAsync(user, Current, New);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(Current) : nameof(New), error.Description);
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        db.Audit(clock, user.Email ?? "?", AuditActions.PasswordChanged, "Đổi mật khẩu", user.Email);
        await db.SaveChangesAsync();
        Done = true;
        return Page();
    }
}
