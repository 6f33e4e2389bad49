using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Feedback;

/// <summary>Which page a feedback post is about: a path of this site's public part, never another site's address or a staff page.</summary>
public static class FeedbackPaths
{
    /// <summary>The path without query or fragment, or null when it is not one of this site's public pages.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var path = raw.Trim();
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0) path = path[..cut];
        if (path.Length is 0 or > PageFeedbackLimits.Path || path[0] != '/') return null;
        // "//host" and "/\host" are another site to a browser.
        if (path.Length > 1 && path[1] is '/' or '\\') return null;
        // Shown only HTML-encoded, so any printable character may stand (a 404 address can hold anything a reader typed).
        if (path.Any(c => char.IsControl(c) || c == '\\')) return null;
        if (path.Length > 1) path = path.TrimEnd('/');
        // A preview link's address is its secret: it never goes into a form, an inbox or a report.
        if (IsStaff(path, SiteLinks.Admin.Home) || IsStaff(path, SiteLinks.SignIn) || IsStaff(path, Admin.PreviewLinks.Route)) return null;
        return path;
    }

    // Routes match whatever the case (/Quan-Tri, /XEM-TRUOC/…), so these do too.
    private static bool IsStaff(string path, string section) =>
        string.Equals(path, section, StringComparison.OrdinalIgnoreCase) || path.StartsWith(section + "/", StringComparison.OrdinalIgnoreCase);
}
