using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// The query pipeline over the index's searchers: the reader's words analysed, typos corrected, matches counted (sampled
/// when broad), the best hits rescored and turned into results with marked titles and snippets; and title suggestions.
/// </summary>
internal sealed class SearchQueryPipeline(SearcherManager searchers, int sampleAbove, int sampleSize) : IDisposable
{
    private readonly Analyzer _folded = new SearchAnalyzer(fold: true);
    private readonly Analyzer _exact = new SearchAnalyzer(fold: false);
    private volatile SynonymSet _synonyms = SynonymSet.Empty;

    public SynonymSet Synonyms
    {
        get => _synonyms;
        set => _synonyms = value;
    }

    public SearchResults Search(SearchRequest request, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = SearchQueryParser.Normalize(request.Query);
        var folded = SearchQueryParser.Words(_folded, SearchFields.All, text);
        if (folded.Count == 0) return SearchResults.Empty;
        var exact = SearchQueryParser.Words(_exact, SearchFields.AllExact, text);
        // An editor said what these words also mean: the other wordings are searched too, and no word of the query is
        // taken for a typo (a synonym the index lacks is not a misspelling of a word it has).
        var variants = _synonyms.Variants(folded, exact);

        var searcher = searchers.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            // A word of 4+ letters the index does not hold is a typo: it stands for the index's words nearest to it,
            // found once here and used alike for matching, highlighting and "Có phải bạn muốn tìm".
            var frequencies = folded.Select(t => DocFreq(reader, t)).ToList(); // each lookup opens a terms enumeration: once per word
            var fuzzy = folded.Select((t, i) => variants.Count == 0 && t.Length >= TypoCorrector.MinTypoLength && frequencies[i] == 0 ? TypoCorrector.Candidates(reader, t) : null).ToList();
            var typo = fuzzy.Any(f => f is not null);
            var visible = VisibleAt(nowUtc);
            var correction = typo ? TypoCorrector.Correct(searcher, folded, fuzzy, visible, sampleSize) : null;

            if (correction is not null && !request.AsTyped)
            {
                // The reader is shown "Có phải bạn muốn tìm: …": the results are those of that correction, word for word, not
                // the union of every near word (which for "thanh lonh" also finds "thanh linh", "thanh long" and "thanh hong").
                var corrected = Run(searcher, request, nowUtc, visible, correction, exact.Select((e, i) => i < folded.Count && folded[i] != correction[i] ? correction[i] : e).ToList(), NoTypos(correction), string.Join(' ', correction), []);
                if (corrected.Total > 0) return corrected with { DidYouMean = string.Join(' ', correction), CorrectedFrom = text };
                // The correction finds nothing under the chosen filters: the near words may still find something.
            }

            // Searching "as typed" (the reader followed "Tìm chính xác"), no word stands for another.
            var results = Run(searcher, request, nowUtc, visible, folded, exact, request.AsTyped ? NoTypos(folded) : fuzzy, text, variants);
            return results with { DidYouMean = correction is null ? null : string.Join(' ', correction) };
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private static List<List<FuzzyTerm>?> NoTypos(List<string> tokens) => tokens.Select(_ => (List<FuzzyTerm>?)null).ToList();

    /// <summary>One search for the given words: <paramref name="fuzzy"/> holds, per word, the index's words standing in for it (null: the word itself).</summary>
    private SearchResults Run(
        IndexSearcher searcher, SearchRequest request, DateTime nowUtc, Filter visible, List<string> folded, List<string> exact, List<List<FuzzyTerm>?> fuzzy, string text,
        IReadOnlyList<(List<string> Folded, List<string> Exact)> variants)
    {
        var reader = searcher.IndexReader;
        // The rarest word bounds the number of matches; a typo'd word matches as many items as its corrections together.
        // Each other wording (synonyms) adds its own rarest word's matches.
        var matches = folded.Select((t, i) => fuzzy[i] is { } c ? c.Sum(x => x.Freq) : DocFreq(reader, t)).Min()
            + variants.Sum(v => v.Folded.Min(t => DocFreq(reader, t)));
        var sample = matches > sampleAbove ? sampleSize : 0;

        Query Build(bool requireAll)
        {
            var asked = SearchQueryBuilder.BuildQuery(text, folded, exact, fuzzy, requireAll);
            if (variants.Count == 0) return asked;
            var any = new BooleanQuery(disableCoord: true) { { asked, Occur.SHOULD } };
            foreach (var (f, e) in variants) any.Add(SearchQueryBuilder.BuildQuery(string.Join(' ', f), f, e, NoTypos(f), requireAll), Occur.SHOULD);
            return any;
        }

        var query = Build(requireAll: true);
        var (total, kinds, districts, top, approximate) = Collect(searcher, query, visible, request, sample);
        if (total == 0 && folded.Count > 1)
        {
            // Nothing has every word: accept results that miss one.
            query = Build(requireAll: false);
            (total, kinds, districts, top, approximate) = Collect(searcher, query, visible, request, sample);
        }
        if (approximate) top = WithTitleMatches(searcher, query, top, folded, fuzzy, visible, request);

        var phrases = SearchRanking.PhraseFactors(reader, top.ScoreDocs, folded, exact);
        var ranked = top.ScoreDocs
            .Select(sd =>
            {
                // Per-segment doc values: the top-level MultiDocValues views build ordinal maps on every call.
                var leaf = reader.Leaves[ReaderUtil.SubIndex(sd.Doc, reader.Leaves)];
                var local = sd.Doc - leaf.DocBase;
                var kind = (ContentKind)leaf.AtomicReader.GetNumericDocValues(SearchFields.KindNumber).Get(local);
                var published = leaf.AtomicReader.GetNumericDocValues(SearchFields.Published).Get(local);
                return (sd.Doc, Score: sd.Score * phrases[sd.Doc] * SearchRanking.Weight(kind, published, nowUtc));
            })
            .OrderByDescending(x => x.Score)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .Select(x => (Doc: searcher.Doc(x.Doc), x.Score))
            .ToList();

        // The words to mark: those searched, or for a typo'd word the index's words standing in for it.
        var marked = folded.SelectMany((t, i) => fuzzy[i]?.Select(c => c.Term) ?? [t]).Concat(variants.SelectMany(v => v.Folded)).ToHashSet(StringComparer.Ordinal);
        var hits = ranked.Select(x =>
        {
            var title = x.Doc.Get(SearchFields.Title, CultureInfo.InvariantCulture);
            var body = x.Doc.Get(SearchFields.Text, CultureInfo.InvariantCulture) ?? "";
            var summary = x.Doc.Get(SearchFields.Summary, CultureInfo.InvariantCulture) ?? "";
            var titleHtml = Snippets.Build(_folded, SearchFields.Title, title, marked, 1, 0) ?? HtmlTextEncoder.Encode(title);
            // A passage without a match says nothing about why the item was found: fall back to the next source.
            var snippet = Snippets.Build(_folded, SearchFields.All, body, marked, 2, 160)
                ?? Snippets.Build(_folded, SearchFields.All, summary, marked, 1, 160)
                ?? HtmlTextEncoder.Encode(Opening(x.Doc));
            return HitOf(x.Doc, titleHtml, snippet);
        }).ToList();

        return new SearchResults(hits, total, kinds, districts, null, fuzzy.Any(f => f is not null), approximate);
    }

    private static SearchHit HitOf(Lucene.Net.Documents.Document doc, string titleHtml, string snippetHtml) => new(
        Enum.Parse<ContentKind>(doc.Get(SearchFields.Kind, CultureInfo.InvariantCulture)), doc.Get(SearchFields.Url, CultureInfo.InvariantCulture), titleHtml, snippetHtml,
        new DateTime(long.Parse(doc.Get(SearchFields.Published, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), DateTimeKind.Utc),
        doc.Get(SearchFields.District, CultureInfo.InvariantCulture),
        (DatePrecision)(doc.GetField(SearchFields.DatePrecision)?.GetInt32Value() ?? 0));

    /// <summary>What a result says when no passage matches: the summary, or the start of the text.</summary>
    private static string Opening(Lucene.Net.Documents.Document doc)
    {
        var summary = doc.Get(SearchFields.Summary, CultureInfo.InvariantCulture) ?? "";
        var body = doc.Get(SearchFields.Text, CultureInfo.InvariantCulture) ?? "";
        return summary.Length > 0 ? summary : body.Length > 200 ? body[..200] + "…" : body;
    }

    /// <inheritdoc cref="SearchIndex.Find"/>
    public IReadOnlyList<SearchHit> Find(IEnumerable<string> ids, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var searcher = searchers.Acquire();
        try
        {
            var visible = VisibleAt(nowUtc);
            var hits = new List<SearchHit>();
            foreach (var id in ids)
            {
                var top = searcher.Search(new TermQuery(new Term(SearchFields.Id, id)), visible, 1);
                if (top.ScoreDocs.Length == 0) continue; // unpublished, scheduled or gone since it was pinned
                var doc = searcher.Doc(top.ScoreDocs[0].Doc);
                hits.Add(HitOf(doc, HtmlTextEncoder.Encode(doc.Get(SearchFields.Title, CultureInfo.InvariantCulture)), HtmlTextEncoder.Encode(Opening(doc))));
            }
            return hits;
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <inheritdoc cref="SearchIndex.Suggest"/>
    public IReadOnlyList<Suggestion> Suggest(string prefix, DateTime nowUtc, int take = 8)
    {
        var tokens = SearchQueryParser.Words(_folded, SearchFields.Title, SearchQueryParser.Normalize(prefix));
        if (tokens.Count == 0 || tokens[^1].Length < 2 && tokens.Count == 1) return [];
        var searcher = searchers.Acquire();
        try
        {
            var visible = VisibleAt(nowUtc);
            var top = searcher.Search(SearchQueryBuilder.SuggestQuery(tokens, tolerant: false), visible, take);
            // The tolerant query costs a walk of the title terms: only for what the plain one cannot answer.
            if (top.TotalHits == 0 && tokens.Any(t => t.Length >= TypoCorrector.MinTypoLength)) top = searcher.Search(SearchQueryBuilder.SuggestQuery(tokens, tolerant: true), visible, take);
            return top.ScoreDocs.Select(sd => searcher.Doc(sd.Doc))
                .Select(d => new Suggestion(d.Get(SearchFields.Title, CultureInfo.InvariantCulture), d.Get(SearchFields.Url, CultureInfo.InvariantCulture), Enum.Parse<ContentKind>(d.Get(SearchFields.Kind, CultureInfo.InvariantCulture))))
                .ToList();
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private sealed record VisibleFilter(long Minute, Filter Filter);

    private VisibleFilter? _visible; // replaced whole, so readers on other threads never see half of it

    /// <summary>
    /// "Published by now", to the minute: cached per minute (and per segment) so each query does not rebuild the bit set.
    /// A scheduled item appears within a minute of its time.
    /// </summary>
    private Filter VisibleAt(DateTime nowUtc)
    {
        var minute = nowUtc.Ticks / TimeSpan.TicksPerMinute;
        var current = _visible;
        if (current is not null && current.Minute == minute) return current.Filter;
        var filter = new CachingWrapperFilter(NumericRangeFilter.NewInt64Range(SearchFields.Published, null, (minute + 1) * TimeSpan.TicksPerMinute - 1, true, true));
        _visible = new VisibleFilter(minute, filter);
        return filter;
    }

    // Every word of the title is in "all" too.
    private static int DocFreq(IndexReader reader, string token) => reader.DocFreq(new Term(SearchFields.All, token));

    /// <summary>
    /// The sample may have missed the items named by the query: find those with every word in the title (a conjunction of
    /// the short title postings), score them with the full query, and merge them into the sampled best.
    /// </summary>
    private TopDocs WithTitleMatches(IndexSearcher searcher, Query query, TopDocs top, List<string> folded, List<List<FuzzyTerm>?> fuzzy, Filter visible, SearchRequest request)
    {
        var titled = new BooleanQuery();
        for (var i = 0; i < folded.Count; i++)
            titled.Add(fuzzy[i] is { } candidates ? SearchQueryBuilder.AnyOf(SearchFields.Title, folded[i], candidates) : new TermQuery(new Term(SearchFields.Title, folded[i])), Occur.MUST);
        var ids = new DocIdCollector();
        searcher.Search(SearchQueryBuilder.Restrict(titled, request), visible, new SamplingCollector(ids, sampleSize, searcher.IndexReader.MaxDoc));
        if (ids.Docs.Count == 0) return top;
        var titleTop = TopScoreDocCollector.Create(Needed(request), true);
        searcher.Search(new FilteredQuery(SearchQueryBuilder.Restrict(query, request), new DocIdsFilter([.. ids.Docs]), FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY), titleTop);
        var merged = top.ScoreDocs.Concat(titleTop.GetTopDocs().ScoreDocs)
            .GroupBy(d => d.Doc).Select(g => g.MaxBy(d => d.Score)!)
            .OrderByDescending(d => d.Score).Take(Needed(request)).ToArray();
        return new TopDocs(top.TotalHits, merged, merged.Length == 0 ? float.NaN : merged[0].Score);
    }

    private static (int Total, IReadOnlyDictionary<ContentKind, int> Kinds, IReadOnlyDictionary<string, (string, int)> Districts, TopDocs Top, bool Approximate)
        Collect(IndexSearcher searcher, Query query, Filter visible, SearchRequest request, int sample)
    {
        // Facet counts cover the query before the type and district filters, so every option shows what it would give.
        var maxDoc = searcher.IndexReader.MaxDoc;
        var facets = new FacetCollector();
        var top = TopScoreDocCollector.Create(Needed(request), true);
        var filtered = request.Kind is not null || request.DistrictKey is not null;
        var all = new SamplingCollector(filtered ? facets : MultiCollector.Wrap(facets, top), sample, maxDoc);
        searcher.Search(query, visible, all);
        var hits = all;
        if (filtered)
        {
            hits = new SamplingCollector(top, sample, maxDoc);
            searcher.Search(SearchQueryBuilder.Restrict(query, request), visible, hits);
        }
        var docs = top.GetTopDocs();
        if (!all.Stopped && !hits.Stopped) return (docs.TotalHits, facets.Kinds, facets.Districts, docs, false);
        return (
            hits.Estimate,
            facets.Kinds.ToDictionary(k => k.Key, k => all.Scale(k.Value)),
            facets.Districts.ToDictionary(d => d.Key, d => (d.Value.Item1, all.Scale(d.Value.Item2))),
            new TopDocs(hits.Estimate, docs.ScoreDocs, docs.MaxScore),
            true);
    }

    /// <summary>The page asked for and some more, for the rescoring pass to reorder.</summary>
    private static int Needed(SearchRequest request) => Math.Min(1000, request.Page * request.PageSize + 20);

    public void Dispose()
    {
        _folded.Dispose();
        _exact.Dispose();
    }
}
