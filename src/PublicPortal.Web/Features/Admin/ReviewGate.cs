using System.Security.Claims;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Admin;

/// <summary>
/// What review asks of this user for this item: an author (Cộng tác viên) of a kind that needs review drafts and
/// submits; once the item is published or waiting, only an editor changes it (an author's edit would otherwise go live unreviewed).
/// </summary>
/// <param name="NeedsReview">This user's save of this kind goes to an editor (Lưu nháp / Gửi duyệt instead of Đăng).</param>
/// <param name="Locked">Why this user cannot save this item, or null.</param>
public sealed record ReviewGate(bool NeedsReview, string? Locked)
{
    public static ReviewGate Open { get; } = new(false, null);

    /// <summary>A contributor, not an editor or admin.</summary>
    public static bool IsAuthor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsInRole(PortalRoles.Admin) && !user.IsInRole(PortalRoles.Editor);
    }

    public static async Task<ReviewGate> ForAsync(ClaimsPrincipal user, ContentKind kind, ContentStatus status, ReviewState review, SiteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!IsAuthor(user) || !(await settings.ReviewKindsAsync()).Contains(kind)) return Open;
        return new(true, status == ContentStatus.Published
            ? "Mục này đã đăng (hoặc đã hẹn giờ đăng). Cộng tác viên không sửa được mục như vậy của loại cần duyệt; hãy nhờ biên tập viên."
            : review == ReviewState.Submitted
                ? "Mục này đang chờ duyệt. Biên tập viên sẽ duyệt hoặc trả lại kèm góp ý; khi đó bạn sửa tiếp được."
                : null);
    }
}
