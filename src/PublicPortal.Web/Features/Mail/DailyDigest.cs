using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Mail;

/// <summary>
/// Once a day (at <see cref="MailOptions.DigestHour"/>, Vietnam time), a message to each editor and admin of what needs
/// attention: items waiting for review, open enquiries and reports, OCOP certificates expiring within 90 days. Nothing
/// is written on a day with nothing to do. Written once per day whatever the number of nodes (a setting under the writers' lock).
/// </summary>
public sealed class DailyDigest(PortalDbContext db, Outbox outbox, TimeProvider clock, IOptions<MailOptions> options, SiteUrls urls)
{
    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    public async Task<bool> WriteIfDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var local = VietnamTime.ToOffset(now);
        if (local.Hour < options.Value.DigestHour) return false;
        var today = DateOnly.FromDateTime(local.DateTime);
        var stamp = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // Most wakes find today's digest written: they take no lock.
        if (await db.SiteSettings.AsNoTracking().AnyAsync(s => s.Key == SiteSetting.DigestWrittenOn && s.Value == stamp, cancellationToken)) return false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockWritersAsync(cancellationToken);
        var setting = await db.SiteSettings.SingleOrDefaultAsync(s => s.Key == SiteSetting.DigestWrittenOn, cancellationToken);
        if (setting?.Value == stamp) return false;
        if (setting is null) db.SiteSettings.Add(new SiteSetting { Key = SiteSetting.DigestWrittenOn, Value = stamp });
        else setting.Value = stamp;

        var body = await BodyAsync(today, cancellationToken);
        if (body is not null)
            foreach (var to in await outbox.PublishersAsync(cancellationToken))
                outbox.Add(to, MessageTopics.Digest, $"Việc cần làm trên cổng, ngày {today:dd/MM/yyyy}", body);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return body is not null;
    }

    /// <summary>The digest's text, or null when nothing needs doing.</summary>
    public async Task<string?> BodyAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var waiting = await db.ContentItems.CountAsync(x => x.Review == ReviewState.Submitted, cancellationToken);
        var enquiries = await db.Enquiries.CountAsync(e => !e.Handled, cancellationToken);
        var reports = await db.PageFeedback.CountAsync(f => !f.Handled && f.Message != null, cancellationToken);
        var expiring = await StaleContent.ExpiringCertificatesAsync(db, today, cancellationToken);
        var overdue = (await StaleContent.OverdueAsync(db, today, cancellationToken)).Count;
        var brokenLinks = await Links.ExternalLinkReport.BrokenCountAsync(db, cancellationToken);
        if (waiting + enquiries + reports + expiring.Count + overdue + brokenLinks == 0) return null;
        var text = new StringBuilder("Những việc đang chờ trên cổng thông tin:\n\n");
        if (waiting > 0) text.Append(Invariant, $"- {waiting} bài chờ duyệt: {urls.Absolute(SiteLinks.Admin.Review)}\n");
        if (enquiries > 0) text.Append(Invariant, $"- {enquiries} câu hỏi mua hàng chưa xử lý: {urls.Absolute(SiteLinks.Admin.Enquiries)}\n");
        if (reports > 0) text.Append(Invariant, $"- {reports} góp ý về trang chưa xử lý: {urls.Absolute(SiteLinks.Admin.Feedback)}\n");
        if (overdue > 0) text.Append(Invariant, $"- {overdue} mục quá hạn rà soát: {urls.Absolute(SiteLinks.Admin.Content + "?trang-thai=qua-han")}\n");
        if (brokenLinks > 0) text.Append(Invariant, $"- {brokenLinks} liên kết ra ngoài bị hỏng: {urls.Absolute(SiteLinks.Admin.Links)}\n");
        if (expiring.Count > 0)
        {
            text.Append(Invariant, $"- {expiring.Count} sản phẩm OCOP có giấy chứng nhận hết hạn trong {StaleContent.ExpiryDays} ngày tới:\n");
            foreach (var p in expiring.Take(30)) text.Append(Invariant, $"  · {p.Title}: hết hạn {p.Until:dd/MM/yyyy}\n");
        }
        text.Append(Invariant, $"\nTổng quan: {urls.Absolute(SiteLinks.Admin.Home)}\n");
        return text.ToString();
    }
}
