using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Media;

/// <summary>What a page needs to show a library image: its size (for width/height, so nothing shifts) and its alt text.</summary>
public sealed record MediaInfo(string Hash, string Format, int Width, int Height, string? Alt, bool Decorative, string? Caption)
{
    /// <summary>Alt text written, or decorative by decision: only then may a public page use it.</summary>
    public bool Usable => Decorative || !string.IsNullOrWhiteSpace(Alt);
}

/// <summary>Every library image by hash, read once and cached until the library changes (pages and the image endpoint ask on every request).</summary>
public sealed class MediaCatalog(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private const string CacheKey = "media-catalog";

    public IReadOnlyDictionary<string, MediaInfo> All() =>
        cache.GetOrCreate(CacheKey, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            return (IReadOnlyDictionary<string, MediaInfo>)db.MediaAssets.AsNoTracking()
                .Select(a => new MediaInfo(a.Hash, a.Format, a.Width, a.Height, a.Alt, a.Decorative, a.Caption))
                .ToDictionary(a => a.Hash, StringComparer.Ordinal);
        })!;

    public MediaInfo? Find(string? reference) => MediaRefs.HashOf(reference) is { } hash && All().TryGetValue(hash, out var info) ? info : null;

    public void Forget() => cache.Remove(CacheKey);
}

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

/// <summary>
/// A library image as <c>&lt;picture&gt;</c>: WebP and JPEG at the fixed widths up to the original's own (never a false
/// width), <c>sizes</c> from the layout, width and height so the page does not shift, lazy below the fold.
/// </summary>
public static class ResponsiveImage
{
    /// <summary>Article column: full width on phones, at most ~46rem (736 px) beside nothing.</summary>
    public const string ArticleSizes = "(min-width: 50rem) 46rem, 100vw";

    /// <summary>Gallery grid: one column on phones, two from 40rem, three from 64rem.</summary>
    public const string GallerySizes = "(min-width: 64rem) 22rem, (min-width: 40rem) 45vw, 100vw";

    /// <summary>The renditions that exist as distinct sizes: each preset width below the original's, then one at the original's own.</summary>
    public static IReadOnlyList<(int Preset, int Width)> Renditions(MediaInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var list = new List<(int, int)>();
        foreach (var preset in MediaLibrary.Widths)
        {
            list.Add((preset, Math.Min(preset, info.Width)));
            if (preset >= info.Width) break;
        }
        return list;
    }

    public static string Url(string hash, int preset, string extension) => $"/anh/{hash}-{preset}.{extension}";

    public static string SrcSet(MediaInfo info, string extension) =>
        string.Join(", ", Renditions(info).Select(r => $"{Url(info.Hash, r.Preset, extension)} {r.Width}w"));

    /// <summary>The rendition used as src (and for Open Graph): the largest up to 1024 wide.</summary>
    public static (int Preset, int Width, int Height) Fallback(MediaInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var (preset, width) = Renditions(info).Where(r => r.Preset <= 1024).Last();
        return (preset, width, (int)Math.Round(info.Height * (double)width / info.Width));
    }

    public static IHtmlContent Picture(MediaInfo info, string alt, string sizes, bool lazy)
    {
        ArgumentNullException.ThrowIfNull(info);
        var (preset, width, height) = Fallback(info);
        var html = string.Create(CultureInfo.InvariantCulture,
            $"<picture><source type=\"image/webp\" srcset=\"{SrcSet(info, "webp")}\" sizes=\"{sizes}\">" +
            $"<img src=\"{Url(info.Hash, preset, "jpg")}\" srcset=\"{SrcSet(info, "jpg")}\" sizes=\"{sizes}\" width=\"{width}\" height=\"{height}\" " +
            $"alt=\"{Search.HtmlTextEncoder.Encode(alt)}\"{(lazy ? " loading=\"lazy\"" : "")} decoding=\"async\"></picture>");
        return new HtmlString(html);
    }

    /// <summary>The alt text a page shows: the item's own words for this use, else the library's; "" when decorative; null when neither (not shown).</summary>
    public static string? AltFor(MediaInfo info, string? itemAlt)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (!string.IsNullOrWhiteSpace(itemAlt)) return itemAlt.Trim();
        if (!string.IsNullOrWhiteSpace(info.Alt)) return info.Alt.Trim();
        return info.Decorative ? "" : null;
    }
}
