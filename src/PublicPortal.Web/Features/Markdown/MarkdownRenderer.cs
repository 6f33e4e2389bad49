using System.Security.Cryptography;
using System.Text;
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

    public MarkdownRenderer(IMemoryCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
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
