namespace PublicPortal.Web.Features.Content;

/// <summary>A legal document's type and abstract as a list shows them: "Quyết định Phê duyệt…", but "Nghị định về…" once, not twice.</summary>
public static class DocumentTitle
{
    /// <summary>The type to print before the abstract, or null when the abstract already starts with it.</summary>
    public static string? TypeBefore(string? type, string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (string.IsNullOrWhiteSpace(type)) return null;
        var trimmed = type.Trim();
        return title.TrimStart().StartsWith(trimmed, StringComparison.OrdinalIgnoreCase) ? null : trimmed;
    }
}
