namespace PublicPortal.Web.Features.Catalogue;

/// <summary>A filter option with the number of results it would give, the other filters held.</summary>
public sealed record FacetOption(string Key, string Label, int Count, bool Selected);
