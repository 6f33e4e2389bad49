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

    public HtmlString Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return HtmlString.Empty;
        // Keyed by content hash: an edited body gets a new entry, the old one ages out.
        var key = "md:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(markdown)));
        return _cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            return new HtmlString(ToSafeHtml(markdown));
        })!;
    }

    public string ToSafeHtml(string markdown)
    {
        var html = Markdig.Markdown.ToHtml(markdown, _pipeline);
        return _sanitizer.Sanitize(html);
    }

    public string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdig.Markdown.ToPlainText(markdown, _pipeline).Trim();
}
