namespace PublicPortal.Web.Features.Search;

/// <summary>One result of the English site's search: its English page, and whether that page has an English version.</summary>
public sealed record EnglishSearchHit(string Url, string Title, string? Summary, string Section, bool Translated);
