using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace PublicPortal.Web.Features.Search;

/// <summary>Unknown words taken for typos: the index's words near them, and the one correction that fits best.</summary>
internal static class TypoCorrector
{
    /// <summary>A word of this many letters or more that the index does not hold is taken for a typo (here and in suggestions).</summary>
    public const int MinTypoLength = 4;

    /// <summary>
    /// For each unknown word, the index's own word that fits best: closest by edit distance, then the one that finds
    /// the most items together with the other words ("thanh lonh" → "thanh long", not "thanh linh"), then the most frequent.
    /// </summary>
    public static List<string>? Correct(IndexSearcher searcher, List<string> tokens, List<List<FuzzyTerm>?> fuzzy, Filter visible, int sample)
    {
        var corrected = tokens.ToList();
        var changed = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (fuzzy[i] is not { Count: > 0 } candidates) continue;
            var minDistance = candidates.Min(c => c.Distance);
            var best = candidates.Where(c => c.Distance == minDistance)
                .Select(c => (c.Term, c.Freq, Together: CountWith(searcher, corrected, i, c.Term, visible, sample)))
                .OrderByDescending(c => c.Together).ThenByDescending(c => c.Freq).ThenBy(c => c.Term, StringComparer.Ordinal)
                .First();
            corrected[i] = best.Term;
            changed = true;
        }
        return changed ? corrected : null;
    }

    /// <summary>How many items hold the words with the candidate in place (estimated above <paramref name="sample"/> matches: only the order matters).</summary>
    private static int CountWith(IndexSearcher searcher, List<string> tokens, int at, string candidate, Filter visible, int sample)
    {
        int Count(Query query)
        {
            var counter = new SamplingCollector(new TotalHitCountCollector(), sample, searcher.IndexReader.MaxDoc);
            searcher.Search(query, visible, counter);
            return counter.Estimate;
        }

        var query = new BooleanQuery();
        for (var i = 0; i < tokens.Count; i++) query.Add(new TermQuery(new Term(SearchFields.All, i == at ? candidate : tokens[i])), Occur.MUST);
        if (tokens.Count == 1) return Count(query);
        // Adjacent words weigh most: a phrase match counts ten times.
        var phrase = new PhraseQuery();
        for (var i = 0; i < tokens.Count; i++) phrase.Add(new Term(SearchFields.All, i == at ? candidate : tokens[i]));
        return Count(phrase) * 10 + Count(query);
    }

    /// <summary>
    /// The index's words within 1 edit (a swap of two letters counts as one) sharing the first letter, 2 edits from eight
    /// letters, the 50 nearest, read straight from the fuzzy terms enumeration (rewriting a FuzzyQuery looks every term up again).
    /// A Vietnamese word is one syllable of at most seven letters: two edits turn most into another real word, and the
    /// two-edit automaton cost a millisecond to build per query.
    /// </summary>
    public static List<FuzzyTerm> Candidates(IndexReader reader, string token)
    {
        var terms = MultiFields.GetTerms(reader, SearchFields.All);
        if (terms is null) return [];
        var fuzzy = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(SearchFields.All, token), token.Length >= 8 ? 2 : 1, 1, true);
        var found = new List<FuzzyTerm>();
        while (fuzzy.MoveNext())
        {
            var text = fuzzy.Term.Utf8ToString();
            found.Add(new FuzzyTerm(text, Levenshtein(text, token), fuzzy.DocFreq));
        }
        return found.OrderBy(c => c.Distance).ThenByDescending(c => c.Freq).ThenBy(c => c.Term, StringComparer.Ordinal).Take(50).ToList();
    }

    private static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}
