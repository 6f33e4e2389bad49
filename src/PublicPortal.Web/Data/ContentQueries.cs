namespace PublicPortal.Web.Data;

public static class ContentQueries
{
    /// <summary>Items a reader may see: published, and not scheduled for later.</summary>
    public static IQueryable<ContentItem> Visible(this IQueryable<ContentItem> items, ContentKind kind, DateTime nowUtc) =>
        items.Where(x => x.Kind == kind && x.Status == ContentStatus.Published && x.PublishedAtUtc <= nowUtc);

    public static IQueryable<ContentItem> Newest(this IQueryable<ContentItem> items) =>
        items.OrderByDescending(x => x.PublishedAtUtc).ThenByDescending(x => x.Id);
}
