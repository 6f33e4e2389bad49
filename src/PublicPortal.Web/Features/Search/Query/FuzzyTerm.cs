namespace PublicPortal.Web.Features.Search;

/// <summary>A word of the index standing in for a typo'd one.</summary>
internal sealed record FuzzyTerm(string Term, int Distance, int Freq);
