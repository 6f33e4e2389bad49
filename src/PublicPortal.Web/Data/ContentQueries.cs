namespace PublicPortal.Web.Data;

public static class ContentQueries
{
    /// <summary>Items a reader may see: published, and not scheduled for later.</summary>
    public static IQueryable<ContentItem> Visible(this IQueryable<ContentItem> items, ContentKind kind, DateTime nowUtc) =>
        items.Where(x => x.Kind == kind && x.Status == ContentStatus.Published && x.PublishedAtUtc <= nowUtc);

    /// <summary>
    /// Only what a list shows (title, address, dates, summary, a document's number and issuer): not the body, the search
    /// text or the JSON details. Reading whole rows cost a list about 20 KB of allocation per item, most of its time.
    /// </summary>
    public static IQueryable<ContentItem> ListFields(this IQueryable<ContentItem> items) =>
        items.Select(x => new ContentItem
        {
            Id = x.Id, Kind = x.Kind, Slug = x.Slug, Title = x.Title, Summary = x.Summary, Status = x.Status,
            PublishedAtUtc = x.PublishedAtUtc, DatePrecision = x.DatePrecision, UpdatedAtUtc = x.UpdatedAtUtc, Version = x.Version,
            CoverImage = x.CoverImage, CoverAlt = x.CoverAlt, DocumentType = x.DocumentType, DocumentNumber = x.DocumentNumber,
            Issuer = x.Issuer, Signer = x.Signer, IssuedOn = x.IssuedOn, EffectiveOn = x.EffectiveOn,
        });

    public static IQueryable<ContentItem> Newest(this IQueryable<ContentItem> items) =>
        items.OrderByDescending(x => x.PublishedAtUtc).ThenByDescending(x => x.Id);
}
