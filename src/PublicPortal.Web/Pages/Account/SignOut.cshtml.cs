using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, PortalDbContext db, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => Redirect(SiteLinks.Admin.Home);

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            // A new stamp: every copy of this account's cookie (another browser, a copied one) is refused from its next request.
            await users.UpdateSecurityStampAsync(user);
            db.Audit(clock, User.Identity.Name ?? "?", AuditActions.SignOut, "Đăng xuất");
            await db.SaveChangesAsync();
        }
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
