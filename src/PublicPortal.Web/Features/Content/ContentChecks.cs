using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Media;

namespace PublicPortal.Web.Features.Content;

/// <summary>What a write must pass besides the field rules (<see cref="ContentRules"/>): what it points at exists, and its images are the library's and described.</summary>
public sealed class ContentChecks(PortalDbContext db, MediaCatalog media)
{
    /// <summary>Problems with what items point at: every slug must exist, in this batch or already stored.</summary>
    public async Task<List<string>> MissingReferencesAsync(IReadOnlyList<(string File, ContentItem Item)> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var known = (await db.ContentItems.AsNoTracking().Select(x => new { x.Kind, x.Slug }).ToListAsync(cancellationToken))
            .Select(x => (x.Kind, x.Slug))
            .Concat(items.Select(x => (x.Item.Kind, x.Item.Slug)))
            .ToHashSet();
        var problems = new List<string>();
        foreach (var (file, item) in items)
        {
            foreach (var (kind, slug, key) in ContentRelations.ReferencesOf(item))
            {
                if (!known.Contains((kind, slug)))
                    problems.Add($"{file}: {key} '{slug}' does not exist (no {ContentKinds.Of(kind).Folder}/{slug}.md)");
            }
        }
        return problems;
    }

    /// <summary>
    /// Images must come from the media library and be described: alt text for this use or in the library, or the image
    /// marked decorative there. A picture nobody can describe never reaches a public page.
    /// </summary>
    public Dictionary<string, string> ImageProblems(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var extra = new List<string>();
        void Check(string what, string reference, string? alt)
        {
            if (media.Find(reference) is not { } info)
                extra.Add($"{what} “{reference}” không phải ảnh trong thư viện ảnh (dạng media/library/…; tải ảnh lên ở mục Thư viện ảnh)");
            else if (ResponsiveImage.AltFor(info, alt) is null)
                extra.Add($"{what} “{reference}” chưa có mô tả (alt): hãy viết mô tả ở đây hoặc trong thư viện ảnh, hoặc đánh dấu là ảnh trang trí");
        }
        if (item.CoverImage is { } cover) Check("Ảnh bìa", cover, item.CoverAlt);
        foreach (var photo in item.Photos) Check("Ảnh", photo.Path, photo.Alt);

        var body = new List<string>();
        foreach (System.Text.RegularExpressions.Match m in MediaRefs.MarkdownImage().Matches(item.Body))
        {
            var info = media.All().GetValueOrDefault(m.Groups[2].Value);
            if (info is null) body.Add($"ảnh /anh/{m.Groups[2].Value}… không có trong thư viện ảnh");
            else if (string.IsNullOrWhiteSpace(m.Groups[1].Value) && !info.Decorative)
                body.Add($"ảnh /anh/{m.Groups[2].Value}… chưa có mô tả: viết mô tả trong ![…]");
        }
        var problems = new Dictionary<string, string>();
        if (extra.Count > 0) problems["Extra"] = string.Join("; ", extra) + ".";
        if (body.Count > 0) problems["Body"] = "Nội dung có " + string.Join("; ", body) + ".";
        return problems;
    }
}
