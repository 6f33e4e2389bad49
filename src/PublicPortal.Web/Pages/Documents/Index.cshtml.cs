using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Documents;

/// <summary>/van-ban?loai=&amp;co-quan=&amp;nam=&amp;q=: filters are GET parameters, so a filtered list is a shareable URL.</summary>
[PublicPortal.Web.Features.Hosting.PublicCache("page", "loai", "co-quan", "q", "nam", Shows = [ContentKind.Document])]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock, IOptions<PortalOptions> options, PublishedItems published) : PageModel
{
    public const int MaxQueryLength = 200;

    public string? Type { get; private set; }
    public string? Issuer { get; private set; }
    public int? Year { get; private set; }
    public string? Query { get; private set; }
    public IReadOnlyList<string> Types { get; private set; } = [];
    public IReadOnlyList<string> Issuers { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public Paged<ContentItem> Results { get; private set; } = null!;
    public bool Filtered => Type is not null || Issuer is not null || Year is not null || Query is not null;
    public PagerModel Pager => new(Results.Page, Results.TotalPages, n => Paging.HrefFor(Request, "page", n), "Phân trang văn bản");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Paging.TryReadPage(Request.Query["page"], out var page)) return BadRequest();
        Type = Clean(Request.Query["loai"]);
        Issuer = Clean(Request.Query["co-quan"]);
        Query = Clean(Request.Query["q"]);
        Year = int.TryParse(Clean(Request.Query["nam"]), out var y) && y is >= 1900 and <= 2100 ? y : null;
        ViewData.Metadata().Title = "Văn bản";

        var documents = db.ContentItems.AsNoTracking().Visible(ContentKind.Document, clock.GetUtcNow().UtcDateTime);
        // The filter choices from one query of three columns (not three queries): documents are few, their facets fewer.
        // Kept until the next change, as are the results of the choices (free text is not kept: too many to be worth it).
        (Types, Issuers, Years) = await published.MemoAsync(typeof(Choices), async () =>
        {
            var facets = await documents.Select(x => new { x.DocumentType, x.Issuer, x.IssuedOn }).Distinct().ToListAsync(cancellationToken);
            return new Choices(
                facets.Select(x => x.DocumentType!).Distinct().Order(StringComparer.Ordinal).ToList(),
                facets.Select(x => x.Issuer!).Distinct().Order(StringComparer.Ordinal).ToList(),
                facets.Select(x => x.IssuedOn).OfType<DateOnly>().Select(d => d.Year).Distinct().OrderDescending().ToList());
        });

        var filtered = documents;
        if (Type is not null) filtered = filtered.Where(x => x.DocumentType == Type);
        if (Issuer is not null) filtered = filtered.Where(x => x.Issuer == Issuer);
        if (Year is { } year) filtered = filtered.Where(x => x.IssuedOn >= new DateOnly(year, 1, 1) && x.IssuedOn <= new DateOnly(year, 12, 31));
        var folded = VietnameseText.Fold(Query);
        foreach (var word in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(10))
            filtered = filtered.Where(x => x.SearchText.Contains(word));

        // A query that is (the start of) a document's number puts that document first.
        var ordered = folded.Length > 0
            ? filtered.OrderByDescending(x => x.SearchText.StartsWith(folded)).ThenByDescending(x => x.IssuedOn)
            : filtered.OrderByDescending(x => x.IssuedOn);
        var results = () => ordered.ThenByDescending(x => x.Id).ListFields().ToPagedAsync(page, options.Value.PageSize, cancellationToken);
        Results = Query is null ? await published.MemoAsync(("documents", Type, Issuer, Year, page), results) : await results();
        return page > Results.TotalPages ? NotFound() : Page();
    }

    private sealed record Choices(IReadOnlyList<string> Types, IReadOnlyList<string> Issuers, IReadOnlyList<int> Years);

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = VietnameseText.Nfc(value.Trim());
        return trimmed.Length > MaxQueryLength ? trimmed[..MaxQueryLength] : trimmed;
    }
}
