using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Mail;

/// <summary>
/// Adds the portal's messages to its staff to the caller's unit of work (nothing is saved here): a message is written in
/// the same transaction as what it tells of, so neither is ever without the other. <see cref="MailSender"/> sends them.
/// Messages name items and link to the admin; they never carry a buyer's or reader's personal data.
/// </summary>
public sealed class Outbox(PortalDbContext db, TimeProvider clock, SiteUrls urls)
{
    /// <summary>A flood of public posts makes one message per recipient in this window, not one per post.</summary>
    public static readonly TimeSpan PublicNoticeWindow = TimeSpan.FromMinutes(15);

    public async Task ReviewWaitingAsync(ContentItem item, string author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var body = $"{author} đã gửi “{item.Title}” ({ContentKinds.Of(item.Kind).Label.ToLowerInvariant()}) để duyệt.\n\n"
            + $"Duyệt hoặc trả lại: {urls.Absolute(SiteLinks.Admin.Review)}\nXem trước: {urls.Absolute(SiteLinks.Admin.Preview(item.Id))}\n";
        foreach (var to in await PublishersAsync(cancellationToken))
            if (!string.Equals(to, author, StringComparison.OrdinalIgnoreCase)) Add(to, MessageTopics.Review, $"Bài chờ duyệt: {item.Title}", body);
    }

    /// <summary>To the author of the latest submission: the editor's comment and where to fix it.</summary>
    public async Task ReturnedAsync(ContentItem item, string editor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var target = ContentWriter.Target(item);
        var author = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.Submit && a.Target == target)
            .OrderByDescending(a => a.Id).Select(a => a.Actor).FirstOrDefaultAsync(cancellationToken);
        if (author is null || !author.Contains('@', StringComparison.Ordinal)) return;
        Add(author, MessageTopics.Returned, $"Bài được trả lại để sửa: {item.Title}",
            $"{editor} đã trả lại “{item.Title}” kèm góp ý:\n\n{item.ReviewNote}\n\nSửa và gửi duyệt lại: {urls.Absolute(SiteLinks.Admin.Edit(item.Id))}\n");
    }

    public async Task EnquiryAsync(string productSlug, CancellationToken cancellationToken = default)
    {
        var title = await db.ContentItems.AsNoTracking().Where(x => x.Kind == ContentKind.Product && x.Slug == productSlug).Select(x => x.Title).FirstOrDefaultAsync(cancellationToken) ?? productSlug;
        await PublicNoticeAsync(MessageTopics.Enquiry, "Có câu hỏi mua hàng mới",
            $"Có câu hỏi mua hàng mới về sản phẩm “{title}”, và có thể thêm câu hỏi khác sau đó.\n\nXem và trả lời: {urls.Absolute(SiteLinks.Admin.Enquiries)}\n",
            cancellationToken);
    }

    public Task FeedbackAsync(string path, CancellationToken cancellationToken = default) =>
        PublicNoticeAsync(MessageTopics.Feedback, "Có góp ý mới về trang",
            $"Bạn đọc vừa báo lỗi hoặc góp ý về trang {path}, và có thể thêm góp ý khác sau đó.\n\nXem: {urls.Absolute(SiteLinks.Admin.Feedback)}\n",
            cancellationToken);

    /// <summary>Editors and admins who can act on what waits (not locked out).</summary>
    public async Task<List<string>> PublishersAsync(CancellationToken cancellationToken = default)
    {
        var roleIds = await db.Roles.Where(r => r.Name == PortalRoles.Admin || r.Name == PortalRoles.Editor).Select(r => r.Id).ToListAsync(cancellationToken);
        var userIds = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null)
            .Select(u => new { u.Email, u.LockoutEnd }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return users.Where(u => u.LockoutEnd is null || u.LockoutEnd < now).Select(u => u.Email!).OrderBy(e => e, StringComparer.Ordinal).ToList();
    }

    public void Add(string to, string topic, string subject, string body) =>
        db.SystemMessages.Add(new SystemMessage
        {
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime, To = AuditLog.ClipActor(to), Topic = topic,
            Subject = subject.Length > 300 ? subject[..299] + "…" : subject, Body = body,
        });

    private async Task PublicNoticeAsync(string topic, string subject, string body, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime - PublicNoticeWindow;
        var told = await db.SystemMessages.AsNoTracking().Where(m => m.Topic == topic && m.CreatedAtUtc > since).Select(m => m.To).ToListAsync(cancellationToken);
        foreach (var to in await PublishersAsync(cancellationToken))
            if (!told.Contains(to, StringComparer.OrdinalIgnoreCase)) Add(to, topic, subject, body);
    }
}
