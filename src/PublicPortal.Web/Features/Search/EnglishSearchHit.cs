namespace PublicPortal.Web.Features.Search;

/// <summary>One result of the English site's search: its English page, and whether that page has an English version.</summary>
/// <param name="SectionKey">The resource key of the section's name.</param>
public sealed record EnglishSearchHit(string Url, string Title, string? Summary, string SectionKey, bool Translated);
