using Lucene.Net.Index;
using Lucene.Net.Search;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Search;

/// <summary>Lucene queries built from analysed words, never parsed, so no user input is Lucene syntax.</summary>
internal static class SearchQueryBuilder
{
    /// <summary>
    /// Every word but the last is whole, the last is a prefix. Tolerant: a word of four letters or more may instead be one
    /// edit away from a whole word of the titles (a swap of two letters counts as one), keeping its first letter, like
    /// <see cref="TypoCorrector.Candidates"/>. (A prefix within one edit would need an automaton of the word followed by anything, whose
    /// determinisation grows with the word: a 200-letter "word" took minutes.)
    /// </summary>
    public static BooleanQuery SuggestQuery(List<string> tokens, bool tolerant)
    {
        var query = new BooleanQuery();
        for (var i = 0; i < tokens.Count; i++)
        {
            var term = new Term(SearchFields.Title, tokens[i]);
            Query word = i == tokens.Count - 1 ? new PrefixQuery(term) : new TermQuery(term);
            if (tolerant && tokens[i].Length >= TypoCorrector.MinTypoLength)
                word = new BooleanQuery { { word, Occur.SHOULD }, { new FuzzyQuery(term, 1, 1), Occur.SHOULD } };
            query.Add(word, Occur.MUST);
        }
        return query;
    }

    /// <summary>
    /// Every word must be in the item (one term per word on the catch-all field, so the conjunction leapfrogs cheaply);
    /// title words and exact diacritics only add score to items that already match.
    /// </summary>
    public static Query BuildQuery(string text, List<string> folded, List<string> exact, List<List<FuzzyTerm>?> fuzzy, bool requireAll)
    {
        Query Word(string field, int i) => fuzzy[i] is { } candidates ? AnyOf(field, folded[i], candidates) : new TermQuery(new Term(field, folded[i]));

        var query = new BooleanQuery();
        var words = new BooleanQuery();
        for (var i = 0; i < folded.Count; i++) words.Add(Word(SearchFields.All, i), requireAll ? Occur.MUST : Occur.SHOULD);
        if (!requireAll) words.MinimumNumberShouldMatch = Math.Max(1, folded.Count - 1);
        query.Add(words, Occur.MUST);

        for (var i = 0; i < folded.Count; i++)
        {
            var title = Word(SearchFields.Title, i);
            title.Boost = 5f;
            query.Add(title, Occur.SHOULD);
            // A word typed with its diacritics scores higher where the text has the same diacritics.
            // (The body's exact diacritics are a rescoring factor: that posting list is as long as the folded one.)
            if (i < exact.Count && exact[i] != folded[i])
                query.Add(new TermQuery(new Term(SearchFields.TitleExact, exact[i])) { Boost = 7f }, Occur.SHOULD);
        }
        query.Add(new TermQuery(new Term(SearchFields.Number, VietnameseText.Fold(text))) { Boost = 20f }, Occur.SHOULD);
        return query;
    }

    /// <summary>A typo'd word as its corrections, the nearer ones weighing more (as FuzzyQuery scores them).</summary>
    public static Query AnyOf(string field, string token, List<FuzzyTerm> candidates)
    {
        if (candidates.Count == 0) return new TermQuery(new Term(field, token)); // matches nothing, as the word itself is not in the index
        var query = new BooleanQuery(disableCoord: true);
        foreach (var c in candidates)
            query.Add(new TermQuery(new Term(field, c.Term)) { Boost = Math.Max(0.1f, 1f - c.Distance / (float)Math.Min(c.Term.Length, token.Length)) }, Occur.SHOULD);
        return query;
    }

    public static Query Restrict(Query query, SearchRequest request)
    {
        if (request.Kind is null && request.DistrictKey is null) return query;
        var filtered = new BooleanQuery { { query, Occur.MUST } };
        if (request.Kind is { } kind) filtered.Add(new TermQuery(new Term(SearchFields.Kind, kind.ToString())), Occur.MUST);
        if (request.DistrictKey is { } district) filtered.Add(new TermQuery(new Term(SearchFields.DistrictKey, district)), Occur.MUST);
        return filtered;
    }
}
