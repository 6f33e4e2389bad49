using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace PublicPortal.Web.Features.Markdown;

/// <summary>The one Markdown pipeline of the site: Markdig, then HtmlSanitizer, because Markdig alone lets javascript: links through.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline;
    private readonly HtmlSanitizer _sanitizer;
    private readonly IMemoryCache _cache;

    private readonly Media.MediaCatalog? _media;

    public MarkdownRenderer(IMemoryCache cache, Media.MediaCatalog? media = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _media = media;
        // Chosen extensions only: UseAdvancedExtensions would add generic attributes ({onclick=...}).
        _pipeline = new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseGridTables()
            .UseEmphasisExtras()
            .UseListExtras()
            .UseFootnotes()
            .UseAutoLinks()
            .UseTaskLists()
            .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
            .DisableHtml()
            .Build();

        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" }) _sanitizer.AllowedSchemes.Add(scheme);
        _sanitizer.AllowedAttributes.Remove("style");
        _sanitizer.AllowedTags.Remove("form");
        _sanitizer.AllowDataAttributes = false;
        _sanitizer.PostProcessDom += (_, e) => ResponsiveImages(e.Document);
    }

    /// <summary>
    /// Images in the text load lazily; a library image (/anh/{hash}-…) becomes a &lt;picture&gt; with WebP and JPEG at the
    /// sizes that exist, and its width and height, as every other image of the site.
    /// </summary>
    private void ResponsiveImages(AngleSharp.Html.Dom.IHtmlDocument document)
    {
        foreach (var img in document.QuerySelectorAll("img").ToList())
        {
            img.SetAttribute("loading", "lazy");
            img.SetAttribute("decoding", "async");
            var match = Media.MediaRefs.RenditionAddress().Match(img.GetAttribute("src") ?? "");
            if (!match.Success || _media?.All().GetValueOrDefault(match.Groups[1].Value) is not { } info) continue;
            var (preset, width, height) = Media.ResponsiveImage.Fallback(info);
            img.SetAttribute("src", Media.ResponsiveImage.Url(info.Hash, preset, "jpg"));
            img.SetAttribute("srcset", Media.ResponsiveImage.SrcSet(info, "jpg"));
            img.SetAttribute("sizes", Media.ResponsiveImage.ArticleSizes);
            img.SetAttribute("width", width.ToString(System.Globalization.CultureInfo.InvariantCulture));
            img.SetAttribute("height", height.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var picture = document.CreateElement("picture");
            var source = document.CreateElement("source");
            source.SetAttribute("type", "image/webp");
            source.SetAttribute("srcset", Media.ResponsiveImage.SrcSet(info, "webp"));
            source.SetAttribute("sizes", Media.ResponsiveImage.ArticleSizes);
            img.Parent!.ReplaceChild(picture, img);
            picture.AppendChild(source);
            picture.AppendChild(img);
        }
    }

    /// <summary>Shown instead of a stored body that cannot be rendered safely (stored before the limits, or imported around them).</summary>
    public const string UnrenderableNotice = "<p class=\"notice\">Nội dung này không hiển thị được vì định dạng quá phức tạp; ban biên tập đã được báo để sửa.</p>";

    /// <summary>
    /// The text's syntax tree, read with the site's one pipeline (for the editor's checks of links, headings and tables);
    /// null for a text the site would not render (over the limits, or too deeply nested to read).
    /// </summary>
    public Markdig.Syntax.MarkdownDocument? TryParse(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown) || Content.InputLimits.MarkdownProblem(markdown) is not null) return null;
        try
        {
            return Markdig.Markdown.Parse(markdown, _pipeline);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException or InsufficientExecutionStackException)
        {
            return null;
        }
    }

    public HtmlString Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return HtmlString.Empty;
        // Keyed by content hash: an edited body gets a new entry, the old one ages out. A body that cannot be rendered
        // is cached as its notice too, so a hostile body costs one bounded attempt, not one per view.
        var key = "md:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));
        return _cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            return new HtmlString(TryToSafeHtml(markdown, out var html) is null ? html : UnrenderableNotice);
        })!;
    }

    /// <summary>The sanitised HTML of a body; throws <see cref="ArgumentException"/> when the body is beyond the limits.</summary>
    public string ToSafeHtml(string markdown) =>
        TryToSafeHtml(markdown, out var html) is { } problem ? throw new ArgumentException(problem, nameof(markdown)) : html;

    /// <summary>Renders within the limits; returns why not (Vietnamese, for the editor) or null with the HTML.</summary>
    public string? TryToSafeHtml(string? markdown, out string html)
    {
        html = "";
        if (string.IsNullOrWhiteSpace(markdown)) return null;
        if (Content.InputLimits.MarkdownProblem(markdown) is { } problem) return "Nội dung chưa đăng được: " + problem + ".";
        try
        {
            html = _sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, _pipeline));
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException or InsufficientExecutionStackException)
        {
            // Markdig's own depth limit, or a parser bug on odd input: refuse the body rather than answer 500.
            return "Nội dung chưa đăng được: định dạng Markdown lồng nhau quá sâu hoặc không đọc được (" + ex.GetType().Name + ").";
        }
    }

    /// <summary>Plain text for search; a body beyond the limits is indexed as its raw text rather than not at all.</summary>
    public string ToPlainText(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        if (Content.InputLimits.MarkdownProblem(markdown) is null)
        {
            try
            {
                return Markdig.Markdown.ToPlainText(markdown, _pipeline).Trim();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException or InsufficientExecutionStackException)
            {
                // falls through to the raw text
            }
        }
        var raw = markdown.Length > Content.InputLimits.MaxBodyChars ? markdown[..Content.InputLimits.MaxBodyChars] : markdown;
        return System.Text.RegularExpressions.Regex.Replace(raw, @"[\[\]*_~`<>#|\\^!]+", " ").Trim();
    }
}
