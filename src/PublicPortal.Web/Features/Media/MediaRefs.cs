using System.Text.RegularExpressions;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Media;

/// <summary>
/// How content refers to images. A library image is <c>media/library/{hash}.{format}</c> (the same path in the data
/// folder and in an export); in Markdown, a rendition address <c>/anh/{hash}-{width}.{jpg|webp}</c>.
/// </summary>
public static partial class MediaRefs
{
    public const string LibraryPrefix = "media/library/";

    public static string Of(MediaAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return $"{LibraryPrefix}{asset.Hash}.{asset.Format}";
    }

    public static string? HashOf(string? reference) =>
        reference is not null && LibraryPath().Match(reference) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>An image file in content/media/ that an import runs through the library.</summary>
    public static bool IsImageFile(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png" or ".webp" or ".gif";

    [GeneratedRegex("^media/library/([0-9a-f]{16})\\.(jpg|png|webp|gif)$")]
    private static partial Regex LibraryPath();

    [GeneratedRegex("^/anh/([0-9a-f]{16})-([0-9]{3,4})\\.(webp|jpg)$")]
    public static partial Regex RenditionAddress();

    /// <summary>Markdown images of the library: ![alt](/anh/{hash}-…).</summary>
    [GeneratedRegex(@"!\[([^\]]*)\]\(\s*<?/anh/([0-9a-f]{16})-")]
    public static partial Regex MarkdownImage();
}
