namespace PublicPortal.Web.Features.Search;

/// <summary>
/// What the English search found: pages with every word, or — when none has them all — pages with some of them,
/// said as such (<see cref="Partial"/>).
/// </summary>
public sealed record EnglishSearchResults(IReadOnlyList<EnglishSearchHit> Hits, int Total, bool Partial)
{
    public static readonly EnglishSearchResults Empty = new([], 0, false);
}
