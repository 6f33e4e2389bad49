using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Admin;

/// <summary>Creating staff accounts (the first admin comes from the command line; there is no default account).</summary>
public sealed class AdminAccounts(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, PortalDbContext db, TimeProvider clock)
{
    /// <summary>A random password of 20 letters and digits (about 119 bits), without look-alike characters.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in PortalRoles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
    }

    /// <summary>Creates an account with a role and the given password; the errors, in Vietnamese, when it cannot.</summary>
    public async Task<IReadOnlyList<string>> CreateAsync(string email, string role, string password, string actor)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        await EnsureRolesAsync();
        var user = new PortalUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return created.Errors.Select(e => e.Description).ToList();
        await users.AddToRoleAsync(user, role);
        db.Audit(clock, actor, AuditActions.UserCreated, $"Tạo tài khoản {email} ({role})", email);
        await db.SaveChangesAsync();
        return [];
    }
}
