using Microsoft.AspNetCore.Mvc.ViewFeatures;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Web;

/// <summary>
/// What a page says about itself in &lt;head&gt; (title, description, canonical address, Open Graph picture and type, robots),
/// one object per response: page models and views fill it through <see cref="PageMetadataExtensions.Metadata"/>, the layout reads it.
/// </summary>
public sealed class PageMetadata
{
    public const string SiteName = "Làng nghề Bình Thuận";

    /// <summary>For pages that do not describe themselves (lists, home).</summary>
    public const string DefaultDescription = "Thông tin về Chương trình bảo tồn và phát triển làng nghề tỉnh Bình Thuận giai đoạn 2021–2030: tin tức, thông báo, kế hoạch và văn bản.";

    /// <summary>The page's own title, without the site's name; none on the home page.</summary>
    public string? Title { get; set; }

    public string? Description { get; set; }

    /// <summary>Library path of the picture a shared link shows; the layout shows it only when the image is usable (described).</summary>
    public string? OgImage { get; set; }

    /// <summary>The drawn share picture (title and craft pictogram) shown when the page has no usable image of its own.</summary>
    public string? DrawnImage { get; set; }

    /// <summary>"article" for a page about one item, "website" otherwise.</summary>
    public string OgType { get; set; } = "website";

    /// <summary>Pages with nothing for a search engine (search results, forms, errors, admin).</summary>
    public bool NoIndex { get; set; }

    /// <summary>The address (path and query, no origin) search engines should keep for this page; none means the request's path.</summary>
    public string? Canonical { get; set; }

    /// <summary>The &lt;title&gt;: the page's title, then the site's name.</summary>
    /// <summary>
    /// The same page in the other language (the Vietnamese of an English page, the English of a Vietnamese one), when
    /// it exists: the language switch leads there and search engines are told of it (hreflang).
    /// </summary>
    public string? OtherLanguage { get; set; }

    public string DocumentTitle => Title is null ? SiteName : $"{Title} – {SiteName}";

    public string DescriptionOrDefault => Description ?? DefaultDescription;

    /// <summary>A page about one item: its title, summary and cover (or first photo) as the share picture.</summary>
    public void DescribeItem(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Title = item.Title;
        Description = item.Summary;
        OgImage = item.CoverImage ?? item.Photos.FirstOrDefault()?.Path;
        OgType = "article";
        DrawnImage = ShareImages.ShareImagesModule.PathOf(item);
        OtherLanguage = item.HasEnglish ? EnglishSite.Item(item.Kind, item.Slug) : null;
    }
}

public static class PageMetadataExtensions
{
    // ViewData, not HttpContext: a re-executed error page starts with a fresh one, so a failed page's title never leaks into it.
    private const string Key = nameof(PageMetadata);

    /// <summary>This response's metadata, created on first use; page models, _ViewStart, views and the layout share one ViewData.</summary>
    public static PageMetadata Metadata(this ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        if (viewData[Key] is PageMetadata metadata) return metadata;
        metadata = new PageMetadata();
        viewData[Key] = metadata;
        return metadata;
    }
}
