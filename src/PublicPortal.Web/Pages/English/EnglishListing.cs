using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.English;

/// <summary>One item in an English list: its English title and summary, or its Vietnamese title marked as such.</summary>
public sealed record EnglishListing(string Url, string Title, string? Summary, bool Translated, DateTime PublishedAtUtc, DatePrecision DatePrecision)
{
    /// <summary>How many items of each section the English home page and site map list before linking to the section.</summary>
    public const int HomeLimit = 6, SiteMapLimit = 200;

    /// <summary>Every section with its items (the English home page and site map); the page's cache entry is tagged with each kind.</summary>
    public static async Task<IReadOnlyList<(EnglishSite.Section Section, IReadOnlyList<EnglishListing> Items)>> LoadSectionsAsync(
        HttpContext context, PortalDbContext db, PublishedItems published, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var sections = new List<(EnglishSite.Section, IReadOnlyList<EnglishListing>)>();
        foreach (var section in EnglishSite.Sections)
        {
            sections.Add((section, await LoadAsync(db, published, section, nowUtc, cancellationToken)));
            Features.Hosting.OutputCacheTags.Add(context, Features.Hosting.OutputCacheTags.Kind(section.Kind));
        }
        return sections;
    }

    /// <summary>A section's items, read once per change like the Vietnamese lists (<see cref="PublishedItems.MemoAsync{T}"/>).</summary>
    public static Task<IReadOnlyList<EnglishListing>> LoadAsync(PortalDbContext db, PublishedItems published, EnglishSite.Section section, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(published);
        ArgumentNullException.ThrowIfNull(section);
        return published.MemoAsync(("en-list", section.Slug), () => ReadAsync(db, section, nowUtc, cancellationToken),
            list => list.Sum(l => 2L * (l.Url.Length + l.Title.Length + (l.Summary?.Length ?? 0)) + 128));
    }

    private static async Task<IReadOnlyList<EnglishListing>> ReadAsync(PortalDbContext db, EnglishSite.Section section, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var rows = await db.ContentItems.AsNoTracking().Visible(section.Kind, nowUtc)
            .Select(x => new { x.Slug, x.Title, x.TitleEn, x.SummaryEn, x.PublishedAtUtc, x.DatePrecision }).ToListAsync(cancellationToken);
        var listed = rows.Select(r => new EnglishListing($"{EnglishSite.List(section)}/{r.Slug}", r.TitleEn ?? r.Title,
            r.TitleEn is null ? null : r.SummaryEn, r.TitleEn is not null, r.PublishedAtUtc, r.DatePrecision));
        // Translated first; then news and documents newest first, the catalogue as a Vietnamese reader would sort it.
        return section.Dated
            ? listed.OrderByDescending(r => r.Translated).ThenByDescending(r => r.PublishedAtUtc).ThenBy(r => r.Url, StringComparer.Ordinal).ToList()
            : listed.OrderByDescending(r => r.Translated).ThenBy(r => r.Title, VietnameseText.Collation).ToList();
    }
}
