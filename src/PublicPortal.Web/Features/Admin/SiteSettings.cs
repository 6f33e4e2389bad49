using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Admin;

/// <summary>Admins' site settings, read through a short cache.</summary>
public sealed class SiteSettings(PortalDbContext db, IMemoryCache cache, TimeProvider clock)
{
    public async Task<bool> RequireTwoFactorAsync() =>
        await cache.GetOrCreateAsync(SiteSetting.RequireTwoFactor, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return await db.SiteSettings.AsNoTracking().AnyAsync(s => s.Key == SiteSetting.RequireTwoFactor && s.Value == "true");
        });

    public async Task SetRequireTwoFactorAsync(bool required, string actor)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var setting = await db.SiteSettings.SingleOrDefaultAsync(s => s.Key == SiteSetting.RequireTwoFactor);
        if (setting is null) db.SiteSettings.Add(new SiteSetting { Key = SiteSetting.RequireTwoFactor, Value = required ? "true" : "false" });
        else setting.Value = required ? "true" : "false";
        db.Audit(clock, actor, AuditActions.SettingChanged, required ? "Bắt buộc xác thực hai lớp cho mọi cán bộ" : "Bỏ bắt buộc xác thực hai lớp");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        cache.Remove(SiteSetting.RequireTwoFactor);
    }
}
