using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// What an item's text is checked for besides rendering: links inside the site must lead somewhere (refused on save,
/// naming the link's text), and what makes a page hard to read with a screen reader is pointed out before publishing
/// (a heading that skips a level, a link that says only "tại đây", a table without header cells).
/// </summary>
public sealed class TextChecks(PortalDbContext db, MarkdownRenderer markdown, ReservedSlugs reserved, SiteUrls urls)
{
    /// <summary>Link texts that say nothing out of context (a screen reader's list of links reads them alone).</summary>
    private static readonly string[] VagueTexts =
        ["tại đây", "ở đây", "vào đây", "bấm vào đây", "nhấn vào đây", "xem thêm", "chi tiết", "xem chi tiết", "link", "liên kết", "đây", "click here", "here", "read more", "more"];

    /// <summary>Links to addresses of this site that lead to no item, as "“text” (/address)"; empty when all lead somewhere.</summary>
    public async Task<List<string>> BrokenLinksAsync(ContentItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var links = LinksOf(item.Body).Concat(LinksOf(item.BodyEn)).ToList();
        var wanted = new List<(string Text, string Path, ContentKind Kind, string Slug)>();
        foreach (var (text, url) in links)
        {
            if (LocalPath(url) is not { } path || ContentKinds.ItemOf(path) is not { } target) continue;
            var (kind, slug) = target;
            if (reserved.IsReserved(kind, slug)) continue; // one of the site's own pages (/tim-kiem, /lien-he…)
            if (kind == item.Kind && slug == item.Slug) continue;
            wanted.Add((text, path, kind, slug));
        }
        if (wanted.Count == 0) return [];
        var slugs = wanted.Select(w => w.Slug).Distinct().ToList();
        var known = (await db.ContentItems.AsNoTracking().Where(x => slugs.Contains(x.Slug)).Select(x => new { x.Kind, x.Slug }).ToListAsync(cancellationToken))
            .Select(x => (x.Kind, x.Slug))
            .Concat((await db.SlugRedirects.AsNoTracking().Where(r => slugs.Contains(r.OldSlug)).Select(r => new { r.Kind, r.OldSlug }).ToListAsync(cancellationToken)).Select(r => (r.Kind, r.OldSlug)))
            .ToHashSet();
        return wanted.Where(w => !known.Contains((w.Kind, w.Slug))).Select(w => $"“{w.Text}” ({w.Path})").Distinct().ToList();
    }

    /// <summary>Advice on the text's accessibility, in Vietnamese; empty when there is none.</summary>
    public List<string> Advice(string? body)
    {
        var advice = new List<string>();
        if (markdown.TryParse(body) is not { } document) return advice; // a text that cannot be rendered is refused on its own
        // The page's title is the only h1: the text's headings start at level 2 and go down one level at a time.
        var previous = 1;
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var text = Plain(heading.Inline);
            if (heading.Level == 1) advice.Add($"Tiêu đề “{text}” là cấp 1, trùng cấp với tên trang: hãy dùng ## (cấp 2).");
            else if (heading.Level > previous + 1) advice.Add($"Tiêu đề “{text}” nhảy từ cấp {previous} xuống cấp {heading.Level}: hãy dùng cấp {previous + 1}.");
            previous = heading.Level;
        }
        foreach (var link in document.Descendants<LinkInline>().Where(l => !l.IsImage))
        {
            var text = Plain(link).Trim().TrimEnd('.', ':', '…').Trim();
            if (VagueTexts.Contains(text.ToLowerInvariant()))
                advice.Add($"Liên kết “{text}” không nói nó dẫn tới đâu: hãy viết tên trang hoặc tài liệu làm chữ của liên kết.");
        }
        foreach (var table in document.Descendants<Table>())
        {
            var header = table.OfType<TableRow>().FirstOrDefault(r => r.IsHeader);
            if (header is null || header.OfType<TableCell>().All(c => c.Descendants<LiteralInline>().All(l => l.Content.IsEmpty || l.Content.ToString().Trim().Length == 0)))
                advice.Add("Có bảng không có dòng tiêu đề cột: hãy ghi tên từng cột ở dòng đầu của bảng.");
        }
        return advice;
    }

    /// <summary>Every link of a Markdown text (not images), with its text; autolinks' text is their address.</summary>
    public IEnumerable<(string Text, string Url)> LinksOf(string? body)
    {
        if (markdown.TryParse(body) is not { } document) yield break;
        foreach (var link in document.Descendants<LinkInline>())
            if (!link.IsImage && link.Url is { Length: > 0 } url) yield return (Plain(link), url);
        foreach (var link in document.Descendants<AutolinkInline>())
            if (!link.IsEmail) yield return (link.Url, link.Url);
    }

    /// <summary>The path of a link into this site ("/lang-nghe/gom", or the public origin's absolute form), without query or fragment.</summary>
    private string? LocalPath(string url)
    {
        var path = url;
        if (url.StartsWith(urls.Origin + "/", StringComparison.OrdinalIgnoreCase)) path = url[urls.Origin.Length..];
        if (!path.StartsWith('/') || path.StartsWith("//", StringComparison.Ordinal)) return null;
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0) path = path[..cut];
        path = Uri.UnescapeDataString(path);
        if (path.StartsWith("/en/", StringComparison.Ordinal)) return null; // English addresses: a section prefix of their own
        return path.Length > 1 ? path.TrimEnd('/') : null;
    }

    private static string Plain(ContainerInline? inline) =>
        inline is null ? "" : string.Concat(inline.Descendants<LiteralInline>().Select(l => l.Content.ToString())) + string.Concat(inline.Descendants<CodeInline>().Select(c => c.Content));
}
