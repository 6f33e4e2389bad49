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

    /// <summary>Kinds whose authors' items are reviewed before publishing (default: news and announcements).</summary>
    public static readonly IReadOnlyList<ContentKind> DefaultReviewKinds = [ContentKind.News, ContentKind.Announcement];

    public async Task<IReadOnlySet<ContentKind>> ReviewKindsAsync() =>
        (await cache.GetOrCreateAsync(SiteSetting.ReviewKinds, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            var value = await db.SiteSettings.AsNoTracking().Where(s => s.Key == SiteSetting.ReviewKinds).Select(s => s.Value).SingleOrDefaultAsync();
            IReadOnlySet<ContentKind> kinds = value is null
                ? DefaultReviewKinds.ToHashSet()
                : value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(f => Content.ContentKinds.FromFolder(f)?.Kind).OfType<ContentKind>().ToHashSet();
            return kinds;
        }))!;

    public async Task SetReviewKindsAsync(IReadOnlyCollection<ContentKind> kinds, string actor)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var value = string.Join(',', Content.ContentKinds.All.Where(k => kinds.Contains(k.Kind)).Select(k => k.Folder));
        await using var transaction = await db.Database.BeginTransactionAsync();
        var setting = await db.SiteSettings.SingleOrDefaultAsync(s => s.Key == SiteSetting.ReviewKinds);
        if (setting is null) db.SiteSettings.Add(new SiteSetting { Key = SiteSetting.ReviewKinds, Value = value });
        else setting.Value = value;
        var labels = Content.ContentKinds.All.Where(k => kinds.Contains(k.Kind)).Select(k => k.Label).ToList();
        db.Audit(clock, actor, AuditActions.SettingChanged, labels.Count == 0 ? "Không loại nội dung nào cần duyệt" : "Cần duyệt bài của cộng tác viên: " + string.Join(", ", labels));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        cache.Remove(SiteSetting.ReviewKinds);
    }
}
