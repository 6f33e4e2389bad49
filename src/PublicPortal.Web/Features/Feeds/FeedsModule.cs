using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
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
        ContentKind.Village, ContentKind.Product, ContentKind.Sight, ContentKind.Route,
    ];

    private static readonly string[] Sections = ["/", "/tin-tuc", "/thong-bao", "/chuong-trinh", "/van-ban", "/lang-nghe", "/san-pham", "/diem-den", "/tuyen-du-lich", "/du-lieu-mo"];

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
        endpoints.MapGet("/sitemap.xml", async (HttpContext http, PortalDbContext db, TimeProvider clock) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var items = await db.ContentItems.AsNoTracking()
                .Where(x => PublicKinds.Contains(x.Kind) && x.Status == ContentStatus.Published && x.PublishedAtUtc <= now)
                .OrderBy(x => x.Kind).ThenBy(x => x.Slug)
                .Select(x => new { x.Kind, x.Slug, Changed = x.UpdatedAtUtc ?? x.PublishedAtUtc }).ToListAsync();
            var origin = Origin(http);
            return Results.Bytes(XmlBytes(writer =>
            {
                writer.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
                foreach (var section in Sections) Url(writer, origin + section, null);
                foreach (var item in items)
                    Url(writer, origin + ContentKinds.UrlOf(item.Kind, item.Slug), item.Changed);
                writer.WriteEndElement();
            }), "application/xml; charset=utf-8");
        }).CacheOutput(new PublicCacheAttribute { Tags = [OutputCacheTags.Sitemap] });
        return endpoints;
    }

    private static async Task<byte[]> RssAsync(PortalDbContext db, DateTime nowUtc, string origin)
    {
        var items = await db.ContentItems.AsNoTracking()
            .Where(x => FeedKinds.Contains(x.Kind) && x.Status == ContentStatus.Published && x.PublishedAtUtc <= nowUtc)
            .OrderByDescending(x => x.PublishedAtUtc).Take(20).ListFields().ToListAsync();
        return XmlBytes(writer =>
        {
            writer.WriteStartElement("rss");
            writer.WriteAttributeString("version", "2.0");
            writer.WriteStartElement("channel");
            writer.WriteElementString("title", "Cổng thông tin làng nghề Bình Thuận");
            writer.WriteElementString("link", origin + "/");
            writer.WriteElementString("description", "Tin tức và thông báo của Chương trình bảo tồn và phát triển làng nghề tỉnh Bình Thuận 2021–2030.");
            writer.WriteElementString("language", "vi");
            foreach (var item in items)
            {
                var url = origin + ContentKinds.UrlOf(item.Kind, item.Slug);
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
    }

    private static void Url(XmlWriter writer, string location, DateTime? changed)
    {
        writer.WriteStartElement("url");
        writer.WriteElementString("loc", location);
        if (changed is { } c) writer.WriteElementString("lastmod", c.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
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
