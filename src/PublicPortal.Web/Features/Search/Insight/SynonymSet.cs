namespace PublicPortal.Web.Features.Search;

/// <summary>
/// The editors' groups of words that mean the same to a reader, as the index's words: a query holding one phrase of a
/// group is also searched with each other phrase in its place ("sáp nhập tỉnh" also as "hợp nhất tỉnh"). Immutable:
/// a change builds a new set, swapped in whole.
/// </summary>
public sealed class SynonymSet
{
    public static readonly SynonymSet Empty = new([]);

    /// <summary>At most this many other wordings of one query: each is a query of its own.</summary>
    public const int MaxVariants = 8;

    private sealed record Phrase(List<string> Folded, List<string> Exact);

    private readonly List<List<Phrase>> _groups;

    public SynonymSet(IEnumerable<IEnumerable<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        using var folded = new SearchAnalyzer(fold: true);
        using var exact = new SearchAnalyzer(fold: false);
        _groups = groups
            .Select(g => g.Select(p => new Phrase(
                    SearchAnalyzer.Tokens(folded, SearchFields.All, Content.VietnameseText.Nfc(p)).ToList(),
                    SearchAnalyzer.Tokens(exact, SearchFields.AllExact, Content.VietnameseText.Nfc(p)).ToList()))
                .Where(p => p.Folded.Count > 0)
                .DistinctBy(p => string.Join(' ', p.Folded))
                .ToList())
            .Where(g => g.Count >= 2)
            .ToList();
    }

    public int Count => _groups.Count;

    /// <summary>The query's other wordings: each phrase of a group found in it, replaced by each other phrase of the group.</summary>
    public IReadOnlyList<(List<string> Folded, List<string> Exact)> Variants(IReadOnlyList<string> folded, IReadOnlyList<string> exact)
    {
        ArgumentNullException.ThrowIfNull(folded);
        ArgumentNullException.ThrowIfNull(exact);
        var variants = new List<(List<string>, List<string>)>();
        if (_groups.Count == 0) return variants;
        var seen = new HashSet<string>(StringComparer.Ordinal) { string.Join(' ', folded) };
        // The exact words line up with the folded ones unless the analysers cut the text differently.
        var aligned = exact.Count == folded.Count;
        foreach (var group in _groups)
        {
            // Longest phrases first: "nhập" inside a matched "sáp nhập" is not a match of its own.
            var taken = new bool[folded.Count];
            foreach (var phrase in group.OrderByDescending(p => p.Folded.Count))
            {
                for (var at = 0; at + phrase.Folded.Count <= folded.Count; at++)
                {
                    if (!Matches(folded, at, phrase.Folded) || taken.AsSpan(at, phrase.Folded.Count).Contains(true)) continue;
                    taken.AsSpan(at, phrase.Folded.Count).Fill(true);
                    foreach (var other in group)
                    {
                        if (ReferenceEquals(other, phrase)) continue;
                        var f = Replace(folded, at, phrase.Folded.Count, other.Folded);
                        if (!seen.Add(string.Join(' ', f))) continue;
                        variants.Add((f, aligned ? Replace(exact, at, phrase.Folded.Count, other.Exact) : [.. f]));
                        if (variants.Count == MaxVariants) return variants;
                    }
                }
            }
        }
        return variants;
    }

    private static bool Matches(IReadOnlyList<string> words, int at, List<string> phrase)
    {
        for (var i = 0; i < phrase.Count; i++)
            if (!string.Equals(words[at + i], phrase[i], StringComparison.Ordinal)) return false;
        return true;
    }

    private static List<string> Replace(IReadOnlyList<string> words, int at, int length, List<string> with) =>
        [.. words.Take(at), .. with, .. words.Skip(at + length)];
}
