using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Mail;

namespace PublicPortal.Web.Areas.Admin.Pages.Messages;

/// <summary>Hộp thư hệ thống: the portal's messages to staff, sent or not. Each member of staff sees theirs; admins see all.</summary>
public sealed class IndexModel(PortalDbContext db, IOptions<MailOptions> options) : PageModel
{
    public const int Shown = 100;

    public List<SystemMessage> Messages { get; private set; } = [];
    public MailOptions Mail => options.Value;
    public bool All => User.IsInRole(PortalRoles.Admin);

    public async Task OnGetAsync()
    {
        var me = User.Identity?.Name ?? "";
        var query = db.SystemMessages.AsNoTracking();
        if (!All) query = query.Where(m => m.To == me);
        Messages = await query.OrderByDescending(m => m.Id).Take(Shown).ToListAsync();
    }

    public string StateOf(SystemMessage message) =>
        message.SentAtUtc is { } sent ? "Đã gửi lúc " + Stamp(sent)
        : !Mail.Configured ? "Chỉ hiện ở đây (chưa cấu hình máy chủ thư)"
        : message.Attempts >= Mail.MaxAttempts ? $"Không gửi được sau {message.Attempts} lần: {message.LastError}"
        : message.LastError is not null ? $"Chưa gửi được ({message.LastError}); thử lại lúc {Stamp(message.NextAttemptAtUtc ?? message.CreatedAtUtc)}"
        : "Đang chờ gửi";

    public static string Stamp(DateTime utc) => Features.Content.VietnamTime.ToOffset(utc).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
