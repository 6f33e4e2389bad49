namespace PublicPortal.Web.Features.Web;

/// <summary>A list of items for the _ItemList partial; titles are headings one level below the list's own heading.</summary>
public sealed record ItemListModel(IReadOnlyList<PublicPortal.Web.Data.ContentItem> Items, int HeadingLevel);
