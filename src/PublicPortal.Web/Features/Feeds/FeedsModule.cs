using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Web;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Feeds;

/// <summary>
/// /rss.xml (latest news and announcements) and /sitemap.xml (every public page). Both read "published by now",
/// so a scheduled item appears in them at its time, like everywhere else.
/// </summary>
public static class FeedsModule
{
    private static readonly ContentKind[] FeedKinds = [ContentKind.News, ContentKind.Announcement];

    private static readonly ContentKind[] PublicKinds =
    [
        ContentKind.News, ContentKind.Announcement, ContentKind.Plan, ContentKind.Document, ContentKind.Page,
        ContentKind.Village, ContentKind.Product, ContentKind.Sight, ContentKind.Route, ContentKind.Event,
    ];

    private static readonly string[] Sections = ["/", "/tin-tuc", "/thong-bao", "/chuong-trinh", "/van-ban", "/lang-nghe", "/san-pham", "/diem-den", "/tuyen-du-lich", "/su-kien", "/du-lieu-mo"];

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // The feed is the same for every reader until the next change: made once per change (PublishedItems).
        endpoints.MapGet("/rss.xml", async (HttpContext http, PortalDbContext db, TimeProvider clock, PublishedItems published) =>
        {
            var origin = Origin(http);
            var feed = await published.MemoAsync(("rss.xml", origin), () => RssAsync(db, clock.GetUtcNow().UtcDateTime, origin));
            return Results.Bytes(feed, "application/rss+xml; charset=utf-8");
        }).CacheOutput(new PublicCacheAttribute { Tags = [OutputCacheTags.Feeds] });
        // The English feed: items as their English versions are published (an item without one is not in it).
        endpoints.MapGet(EnglishSite.Rss, async (HttpContext http, PortalDbContext db, TimeProvider clock, PublishedItems published) =>
        {
            var origin = Origin(http);
            var feed = await published.MemoAsync(("en/rss.xml", origin), () => EnglishRssAsync(db, clock.GetUtcNow().UtcDateTime, origin));
            return Results.Bytes(feed, "application/rss+xml; charset=utf-8");
        }).CacheOutput(new PublicCacheAttribute { Tags = [OutputCacheTags.Feeds] });
        endpoints.MapGet("/sitemap.xml", async (HttpContext http, PortalDbContext db, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var items = await db.ContentItems.AsNoTracking()
                .Where(x => PublicKinds.Contains(x.Kind) && x.Status == ContentStatus.Published && x.PublishedAtUtc <= now)
                .OrderBy(x => x.Kind).ThenBy(x => x.Slug)
                .Select(x => new { x.Kind, x.Slug, Changed = x.UpdatedAtUtc ?? x.PublishedAtUtc, English = x.TitleEn != null }).ToListAsync();
            var origin = Origin(http);
            return Results.Bytes(XmlBytes(writer =>
            {
                writer.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
                writer.WriteAttributeString("xmlns", "xhtml", null, Xhtml);
                foreach (var section in Sections) Url(writer, origin, section, EnglishSite.Counterpart(section), null);
                Url(writer, origin, EnglishSite.Home, SiteLinks.Home, null);
                foreach (var section in EnglishSite.Sections)
                    Url(writer, origin, EnglishSite.List(section), EnglishSite.Counterpart(EnglishSite.List(section)), null);
                foreach (var item in items)
                {
                    var vietnamese = ContentKinds.UrlOf(item.Kind, item.Slug);
                    // An English page is listed, and named as the alternate, only where the item has its English version.
                    var english = item.English ? EnglishSite.Item(item.Kind, item.Slug) : null;
                    Url(writer, origin, vietnamese, english, item.Changed);
                    if (english is not null) Url(writer, origin, english, vietnamese, item.Changed);
                }
                writer.WriteEndElement();
            }), "application/xml; charset=utf-8");
        }).CacheOutput(new PublicCacheAttribute { Tags = [OutputCacheTags.Sitemap] });
        return endpoints;
    }

    private static async Task<byte[]> EnglishRssAsync(PortalDbContext db, DateTime nowUtc, string origin)
    {
        var kinds = EnglishSite.Sections.Select(x => x.Kind).Append(ContentKind.Page).ToList();
        var items = (await db.ContentItems.AsNoTracking()
            .Where(x => kinds.Contains(x.Kind) && x.TitleEn != null && x.Status == ContentStatus.Published && x.PublishedAtUtc <= nowUtc)
            .OrderByDescending(x => x.PublishedAtUtc).ThenBy(x => x.Slug)
            .Select(x => new { x.Kind, x.Slug, x.TitleEn, x.SummaryEn, x.PublishedAtUtc }).ToListAsync())
            .Where(x => EnglishSite.Item(x.Kind, x.Slug) is not null).Take(20)
            .Select(x => new FeedItem(EnglishSite.Item(x.Kind, x.Slug)!, x.TitleEn!, x.SummaryEn, x.PublishedAtUtc));
        return Rss(origin, EnglishSite.Home, "en", "Bình Thuận craft villages",
            "Craft villages, sights and tourism routes of the Bình Thuận craft village programme, 2021–2030, in English.", items);
    }

    private static async Task<byte[]> RssAsync(PortalDbContext db, DateTime nowUtc, string origin)
    {
        var items = await db.ContentItems.AsNoTracking()
            .Where(x => FeedKinds.Contains(x.Kind) && x.Status == ContentStatus.Published && x.PublishedAtUtc <= nowUtc)
            .OrderByDescending(x => x.PublishedAtUtc).Take(20).ListFields().ToListAsync();
        return Rss(origin, "/", "vi", "Cổng thông tin làng nghề Bình Thuận",
            "Tin tức và thông báo của Chương trình bảo tồn và phát triển làng nghề tỉnh Bình Thuận 2021–2030.",
            items.Select(x => new FeedItem(ContentKinds.UrlOf(x.Kind, x.Slug), x.Title, x.Summary, x.PublishedAtUtc)));
    }

    /// <summary>One entry of a feed: the page's path, its title and summary in the feed's language, when it was published.</summary>
    private sealed record FeedItem(string Path, string Title, string? Summary, DateTime PublishedAtUtc);

    private static byte[] Rss(string origin, string home, string language, string title, string description, IEnumerable<FeedItem> items) => XmlBytes(writer =>
    {
        writer.WriteStartElement("rss");
        writer.WriteAttributeString("version", "2.0");
        writer.WriteStartElement("channel");
        writer.WriteElementString("title", title);
        writer.WriteElementString("link", origin + home);
        writer.WriteElementString("description", description);
        writer.WriteElementString("language", language);
        foreach (var item in items)
        {
            var url = origin + item.Path;
            writer.WriteStartElement("item");
            writer.WriteElementString("title", item.Title);
            writer.WriteElementString("link", url);
            writer.WriteStartElement("guid");
            writer.WriteAttributeString("isPermaLink", "true");
            writer.WriteString(url);
            writer.WriteEndElement();
            writer.WriteElementString("pubDate", item.PublishedAtUtc.ToString("r", CultureInfo.InvariantCulture));
            if (item.Summary is not null) writer.WriteElementString("description", item.Summary);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
    });

    private const string Xhtml = "http://www.w3.org/1999/xhtml";

    /// <summary>One page; with its other-language version, both named as alternates (hreflang), Vietnamese the default.</summary>
    private static void Url(XmlWriter writer, string origin, string path, string? otherLanguage, DateTime? changed)
    {
        writer.WriteStartElement("url");
        writer.WriteElementString("loc", origin + path);
        if (changed is { } c) writer.WriteElementString("lastmod", c.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (otherLanguage is not null)
        {
            var (vi, en) = EnglishSite.IsEnglish(path) ? (otherLanguage, path) : (path, otherLanguage);
            foreach (var (language, href) in new[] { ("vi", vi), ("en", en), ("x-default", vi) })
            {
                writer.WriteStartElement("xhtml", "link", Xhtml);
                writer.WriteAttributeString("rel", "alternate");
                writer.WriteAttributeString("hreflang", language);
                writer.WriteAttributeString("href", origin + href);
                writer.WriteEndElement();
            }
        }
        writer.WriteEndElement();
    }

    private static string Origin(HttpContext http) => Hosting.SiteUrls.OriginOf(http);

    private static byte[] XmlBytes(Action<XmlWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }
        return buffer.ToArray();
    }
}
