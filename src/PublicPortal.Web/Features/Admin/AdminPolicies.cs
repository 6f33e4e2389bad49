namespace PublicPortal.Web.Features.Admin;

public static class AdminPolicies
{
    /// <summary>Any member of staff (the whole /quan-tri area).</summary>
    public const string Staff = "staff";

    /// <summary>Editors and admins: review and publish, figures, the inboxes (buyers' and readers' personal data), delete, restore.</summary>
    public const string Publishers = "publishers";

    /// <summary>Admins only (users, audit log).</summary>
    public const string AdminOnly = "admin-only";

    public const string SignInRateLimit = "sign-in";
}
