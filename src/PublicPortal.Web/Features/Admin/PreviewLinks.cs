using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Admin;

/// <summary>
/// Preview links: a draft shown to someone without an account (a reviewer, the cooperative a village page is about).
/// The link holds 256 random bits; only their SHA-256 is stored, so a copy of the database opens nothing. Each link
/// expires, and can be revoked; creating and revoking are audited.
/// </summary>
public sealed class PreviewLinks(PortalDbContext db, TimeProvider clock)
{
    /// <summary>The lifetimes offered, in days.</summary>
    public static readonly IReadOnlyList<int> Lifetimes = [1, 7, 30];

    public const string Route = "/xem-truoc";

    public static string Url(string token) => $"{Route}/{token}";

    /// <summary>Creates a link to the item; the token is returned once and never stored.</summary>
    public async Task<string?> CreateAsync(int itemId, int days, string actor, CancellationToken cancellationToken = default)
    {
        if (!Lifetimes.Contains(days)) return null;
        var item = await db.ContentItems.AsNoTracking().Where(x => x.Id == itemId).Select(x => new { x.Kind, x.Slug, x.Title }).SingleOrDefaultAsync(cancellationToken);
        if (item is null) return null;
        var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PreviewLinks.Add(new PreviewLink { ContentItemId = itemId, TokenHash = Hash(token), CreatedAtUtc = now, ExpiresAtUtc = now.AddDays(days), CreatedBy = AuditLog.ClipActor(actor) });
        db.Audit(clock, actor, AuditActions.PreviewLink, $"Tạo liên kết xem trước “{item.Title}” ({days} ngày)", $"{Content.ContentKinds.Of(item.Kind).Folder}/{item.Slug}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    public async Task<bool> RevokeAsync(int itemId, int linkId, string actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await db.PreviewLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.ContentItemId == itemId, cancellationToken);
        if (link is null) return false;
        link.RevokedAtUtc ??= clock.GetUtcNow().UtcDateTime;
        var title = await db.ContentItems.Where(x => x.Id == itemId).Select(x => x.Title).SingleAsync(cancellationToken);
        db.Audit(clock, actor, AuditActions.PreviewLink, $"Thu hồi liên kết xem trước “{title}”", null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The item a token opens now: null when unknown, expired or revoked (told apart only in the log, not to the holder).</summary>
    public async Task<ContentItem?> OpenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (token.Length != 43 || token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))) return null;
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var link = await db.PreviewLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || link.RevokedAtUtc is not null || link.ExpiresAtUtc <= now) return null;
        return await db.ContentItems.AsNoTracking().SingleOrDefaultAsync(x => x.Id == link.ContentItemId, cancellationToken);
    }

    public async Task<List<PreviewLink>> ForItemAsync(int itemId, CancellationToken cancellationToken = default) =>
        await db.PreviewLinks.AsNoTracking().Where(l => l.ContentItemId == itemId).OrderByDescending(l => l.Id).Take(50).ToListAsync(cancellationToken);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));
}
