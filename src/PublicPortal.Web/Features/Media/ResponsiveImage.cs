using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace PublicPortal.Web.Features.Media;

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
