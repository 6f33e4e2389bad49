using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<PortalUser> signIn, PortalDbContext db, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => Redirect("/quan-tri");

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            db.AuditEntries.Add(new AuditEntry { AtUtc = clock.GetUtcNow().UtcDateTime, Actor = User.Identity.Name ?? "?", Action = AuditActions.SignOut, Summary = "Đăng xuất" });
            await db.SaveChangesAsync();
        }
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
