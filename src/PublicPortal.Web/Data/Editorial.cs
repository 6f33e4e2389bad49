using Microsoft.AspNetCore.Identity;

namespace PublicPortal.Web.Data;

/// <summary>A member of staff. Roles: <see cref="PortalRoles"/>.</summary>
public sealed class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }
}

public static class PortalRoles
{
    /// <summary>Users, settings and everything an editor does.</summary>
    public const string Admin = "Admin";

    /// <summary>Biên tập viên: content; reviews and publishes.</summary>
    public const string Editor = "Editor";

    /// <summary>Cộng tác viên: writes drafts; what needs review (news, announcements by default) is submitted to an editor.</summary>
    public const string Author = "Author";

    public static readonly string[] All = [Admin, Editor, Author];

    /// <summary>The role's name as the admin pages say it.</summary>
    public static string Label(string role) => role switch
    {
        Admin => "quản trị viên",
        Editor => "biên tập viên",
        _ => "cộng tác viên",
    };
}

public static class ReviewLimits
{
    public const int Note = 2000;
}

/// <summary>
/// A link that opens one item's current text without an account (a reviewer, the cooperative a page is about). Only
/// the token's hash is stored; the link expires, and can be revoked.
/// </summary>
public sealed class PreviewLink
{
    public int Id { get; set; }
    public int ContentItemId { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
}

/// <summary>One saved state of an item: who, when, and every field (as the item's content file, which round-trips).</summary>
public sealed class Revision
{
    public int Id { get; set; }
    public int ContentItemId { get; set; }
    public int Number { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string Actor { get; set; }
    public required string Summary { get; set; }
    public required string Snapshot { get; set; }
}

/// <summary>One admin action: sign-in, failed sign-in, create, edit, publish, delete, restore, user changes.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public required string Summary { get; set; }
}

/// <summary>An item's former address: requests for it are answered with a 301 to the current one.</summary>
public sealed class SlugRedirect
{
    public int Id { get; set; }
    public ContentKind Kind { get; set; }
    public required string OldSlug { get; set; }
    public int ContentItemId { get; set; }
}

/// <summary>
/// An image in the media library: the re-encoded original (metadata removed) is stored under a name made of its content
/// hash; the uploaded file name is only display text.
/// </summary>
public sealed class MediaAsset
{
    public int Id { get; set; }

    /// <summary>First 16 hex digits of the SHA-256 of the stored file: its name, and the cache key in every image URL.</summary>
    public required string Hash { get; set; }

    /// <summary>jpg, png, webp or gif.</summary>
    public required string Format { get; set; }

    public required string OriginalName { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long Bytes { get; set; }
    public string? Alt { get; set; }

    /// <summary>Marked as decorative on purpose: then an empty alt is right.</summary>
    public bool Decorative { get; set; }

    public string? Caption { get; set; }
    public DateTime UploadedAtUtc { get; set; }
    public required string UploadedBy { get; set; }

    /// <summary>Alt text written, or decorative by decision: only then may a public page use it.</summary>
    public bool Usable => Decorative || !string.IsNullOrWhiteSpace(Alt);
}

/// <summary>A site-wide setting changed by admins (e.g. whether staff must use two-factor sign-in).</summary>
public sealed class SiteSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }

    public const string RequireTwoFactor = "require-two-factor";

    /// <summary>The content kinds an author's item must be reviewed for, by folder ("news,announcements").</summary>
    public const string ReviewKinds = "review-kinds";

    /// <summary>The day (yyyy-MM-dd, Vietnam) the last daily digest was written.</summary>
    public const string DigestWrittenOn = "digest-written-on";

    /// <summary>The last change record whose items' external links the link checker has read.</summary>
    public const string LinkCheckMark = "link-check-mark";
}

public static class AuditLog
{
    /// <summary>Actors are e-mail addresses or names; the column (and revisions', change records') holds 256 characters.</summary>
    public static string ClipActor(string actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Length > 256 ? actor[..256] : actor;
    }

    /// <summary>Adds one entry to the audit log (saved with the caller's next SaveChanges, so it shares its transaction).</summary>
    public static void Audit(this PortalDbContext db, TimeProvider clock, string actor, string action, string summary, string? target = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime, Actor = ClipActor(actor), Action = action, Target = target, Summary = summary,
        });
    }
}

public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string Create = "create";
    public const string Edit = "edit";
    public const string Publish = "publish";
    public const string Unpublish = "unpublish";
    public const string Delete = "delete";
    public const string Restore = "restore";
    public const string UserCreated = "user-created";
    public const string UserChanged = "user-changed";
    public const string PasswordChanged = "password-changed";
    public const string TwoFactorChanged = "two-factor-changed";
    public const string SettingChanged = "setting-changed";
    public const string BackupDownloaded = "backup-downloaded";
    public const string Submit = "submit";
    public const string Return = "return";
    public const string Approve = "approve";
    public const string PreviewLink = "preview-link";
    public const string SearchTerms = "search-terms";
}
