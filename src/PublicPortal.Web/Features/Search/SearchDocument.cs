using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Web.Features.Search;

/// <summary>What the index knows of one published item: text to match, and what a result shows.</summary>
public sealed record SearchDocument(
    ContentKind Kind,
    string Slug,
    string Url,
    string Title,
    string? Summary,
    string Body,
    string Extra,
    string? Number,
    string? District,
    DateTime PublishedAtUtc,
    DatePrecision DatePrecision = DatePrecision.Day)
{
    public string Id => IdOf(Kind, Slug);

    public static string IdOf(ContentKind kind, string slug) => $"{kind}:{slug}";

    public static readonly ContentKind[] IndexedKinds =
    [
        ContentKind.News, ContentKind.Announcement, ContentKind.Plan, ContentKind.Document, ContentKind.Page,
        ContentKind.Village, ContentKind.Product, ContentKind.Sight, ContentKind.Route, ContentKind.Event,
    ];

    public static bool IsIndexed(ContentItem item) => IndexedKinds.Contains(item.Kind);

    /// <summary>
    /// Builds the document from an item and the catalogue around it (for craft, place, producer and stop names).
    /// Drafts return null: they are never in the index; scheduled items are, and the query hides them until their time.
    /// </summary>
    public static SearchDocument? From(ContentItem item, IReadOnlyDictionary<(ContentKind, string), ContentItem> all, MarkdownRenderer markdown)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(markdown);
        if (!IsIndexed(item) || item.Status != ContentStatus.Published) return null;

        string? Title(ContentKind kind, string? slug) => slug is not null && all.TryGetValue((kind, slug), out var found) ? found.Title : null;
        string? DistrictOf(string? locality) => locality is not null && all.TryGetValue((ContentKind.Locality, locality), out var l) ? l.Locality?.District : null;

        var extra = new List<string?> { item.DocumentNumber, item.Issuer, item.DocumentType };
        string? locality = null;
        if (item.Village is { } v)
        {
            locality = v.Locality;
            extra.AddRange(v.Crafts.Select(c => Title(ContentKind.Craft, c)));
            extra.Add(CatalogueLabels.Of(v.Status));
        }
        if (item.Product is { } p)
        {
            locality = p.Locality;
            extra.Add(p.Producer);
            extra.Add(Title(ContentKind.Village, p.Village));
            extra.Add(CatalogueLabels.Group(p.Group));
            extra.Add("OCOP");
        }
        if (item.Sight is { } s)
        {
            locality = s.Locality;
            extra.Add(s.SightKind);
            extra.Add(s.Address);
        }
        if (item.Route is { } r)
            extra.AddRange(r.Stops.Select(stop => Title(stop.Kind == "village" ? ContentKind.Village : ContentKind.Sight, stop.Slug)));
        if (item.Event is { } e)
        {
            var place = e.Sight is not null && all.TryGetValue((ContentKind.Sight, e.Sight), out var sight) ? sight
                : e.Village is not null && all.TryGetValue((ContentKind.Village, e.Village), out var village) ? village : null;
            locality = place?.Sight?.Locality ?? place?.Village?.Locality;
            extra.Add(place?.Title);
            extra.Add(e.Address);
            extra.Add(e.Organiser);
            extra.Add("sự kiện lễ hội");
        }
        if (locality is not null)
        {
            extra.Add(Title(ContentKind.Locality, locality));
            extra.Add(DistrictOf(locality));
            if (all.TryGetValue((ContentKind.Locality, locality), out var place)) extra.Add(place.Locality?.NewName);
        }

        var url = ContentKinds.UrlOf(item.Kind, item.Slug);
        return new SearchDocument(
            item.Kind, item.Slug, url, item.Title, item.Summary,
            markdown.ToPlainText(item.Body),
            string.Join(' ', extra.Where(x => !string.IsNullOrWhiteSpace(x)).Distinct()),
            item.DocumentNumber, DistrictOf(locality), item.PublishedAtUtc, item.DatePrecision);
    }
}
