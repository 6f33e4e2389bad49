using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Search;

public sealed record SearchResults(
    IReadOnlyList<SearchHit> Hits,
    int Total,
    IReadOnlyDictionary<ContentKind, int> KindCounts,
    IReadOnlyDictionary<string, (string Name, int Count)> DistrictCounts,
    string? DidYouMean,
    bool Fuzzy,
    bool Approximate = false,
    string? CorrectedFrom = null)
{
    // DidYouMean: the index's own words for a query with a typo. CorrectedFrom: set when the hits are those of DidYouMean
    // instead of the words typed (which it holds). Fuzzy: some hits are near matches of a typo'd word.
    public static readonly SearchResults Empty = new([], 0, new Dictionary<ContentKind, int>(), new Dictionary<string, (string, int)>(), null, false);
}
