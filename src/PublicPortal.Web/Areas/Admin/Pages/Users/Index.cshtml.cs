using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Admin;

namespace PublicPortal.Web.Areas.Admin.Pages.Users;

/// <summary>Admins manage staff: create accounts, reset passwords, lock, change roles, require two-factor sign-in.</summary>
public sealed class IndexModel(UserManager<PortalUser> users, AdminAccounts accounts, SiteSettings settings, PortalDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(PortalUser User, string Role, bool Locked);

    public List<Row> Rows { get; private set; } = [];
    public bool RequireTwoFactor { get; private set; }
    public string? Message { get; private set; }
    public string? NewPassword { get; private set; }
    public List<string> Errors { get; } = [];

    private string Actor => User.Identity?.Name ?? "?";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync(string email, string role)
    {
        if (string.IsNullOrWhiteSpace(email)) Errors.Add("Hãy nhập email.");
        else if (!PortalRoles.All.Contains(role)) Errors.Add("Vai trò không hợp lệ.");
        else
        {
            var password = AdminAccounts.GeneratePassword();
            Errors.AddRange(await accounts.CreateAsync(email, role, password, Actor));
            if (Errors.Count == 0) (Message, NewPassword) = ($"Đã tạo tài khoản {email.Trim()} ({RoleLabel(role)}). Mật khẩu ban đầu (chỉ hiện một lần, hãy gửi riêng cho người dùng):", password);
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        var password = AdminAccounts.GeneratePassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (result.Succeeded)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await AuditAsync(user, "Đặt lại mật khẩu");
            (Message, NewPassword) = ($"Đã đặt lại mật khẩu của {user.Email}. Mật khẩu mới (chỉ hiện một lần):", password);
        }
        else Errors.AddRange(result.Errors.Select(e => e.Description));
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostLockAsync(string id, bool locked)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (user.UserName == User.Identity?.Name) Errors.Add("Không thể tự khóa tài khoản của mình.");
        else
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
            await users.UpdateSecurityStampAsync(user); // signs the account out everywhere
            await AuditAsync(user, locked ? "Khóa tài khoản" : "Mở khóa tài khoản");
            Message = locked ? $"Đã khóa {user.Email}." : $"Đã mở khóa {user.Email}.";
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string id, string role)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || !PortalRoles.All.Contains(role)) return NotFound();
        if (user.UserName == User.Identity?.Name && role != PortalRoles.Admin) Errors.Add("Không thể tự bỏ quyền quản trị của mình.");
        else
        {
            // The roles this user holds (removing one they lack fails the whole call), and the new role made on a database older than it.
            await accounts.EnsureRolesAsync();
            var removed = await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
            var added = removed.Succeeded ? await users.AddToRoleAsync(user, role) : removed;
            if (!added.Succeeded) throw new InvalidOperationException("Changing the role failed: " + string.Join("; ", added.Errors.Select(e => e.Description)));
            await users.UpdateSecurityStampAsync(user);
            await AuditAsync(user, $"Đổi vai trò thành {RoleLabel(role)}");
            Message = $"{user.Email} nay là {RoleLabel(role)}.";
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTwoFactorAsync(bool required)
    {
        await settings.SetRequireTwoFactorAsync(required, Actor);
        Message = required ? "Từ nay mọi cán bộ phải dùng xác thực hai lớp." : "Xác thực hai lớp không còn bắt buộc.";
        await LoadAsync();
        return Page();
    }

    public static string RoleLabel(string role) => PortalRoles.Label(role);

    private async Task LoadAsync()
    {
        RequireTwoFactor = await settings.RequireTwoFactorAsync();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        Rows = [];
        foreach (var user in all)
        {
            var roles = await users.GetRolesAsync(user);
            Rows.Add(new Row(user, PortalRoles.All.FirstOrDefault(roles.Contains) ?? PortalRoles.Author, user.LockoutEnd > clock.GetUtcNow()));
        }
    }

    private async Task AuditAsync(PortalUser user, string summary)
    {
        db.Audit(clock, Actor, AuditActions.UserChanged, $"{summary}: {user.Email}", user.Email);
        await db.SaveChangesAsync();
    }
}
