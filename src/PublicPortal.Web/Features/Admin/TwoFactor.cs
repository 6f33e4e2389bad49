using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;
using QRCoder;

namespace PublicPortal.Web.Features.Admin;

/// <summary>Authenticator-app (TOTP) enrolment: the otpauth URI and its QR code, drawn as inline SVG on the server.</summary>
public static class Authenticator
{
    public const string Issuer = "Cổng làng nghề Bình Thuận";
    public const string EnrolPath = "/quan-tri/xac-thuc-hai-lop";

    public static string Uri(string email, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(email)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    public static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        // Inline in the page: drop the XML declaration, which is not allowed inside HTML.
        return svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
    }

    /// <summary>The key grouped by four, as apps show it when typed by hand.</summary>
    public static string Grouped(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
}

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

public static class TwoFactorRequirement
{
    /// <summary>When admins require it, staff without an authenticator can open only the enrolment page until they add one.</summary>
    public static WebApplication UseTwoFactorRequirement(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/quan-tri") && !path.StartsWithSegments(Authenticator.EnrolPath) && context.User.Identity?.IsAuthenticated == true
                && await context.RequestServices.GetRequiredService<SiteSettings>().RequireTwoFactorAsync())
            {
                var users = context.RequestServices.GetRequiredService<UserManager<PortalUser>>();
                var user = await users.GetUserAsync(context.User);
                if (user is not null && !user.TwoFactorEnabled)
                {
                    context.Response.Redirect(Authenticator.EnrolPath + "?bat-buoc=1");
                    return;
                }
            }
            await next(context);
        });
        return app;
    }
}
