using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using Directory = System.IO.Directory;

namespace PublicPortal.Web.Features.Search;

public sealed record SearchRequest(string Query, ContentKind? Kind = null, string? DistrictKey = null, int Page = 1, int PageSize = 10);

public sealed record SearchHit(ContentKind Kind, string Url, string TitleHtml, string SnippetHtml, DateTime PublishedAtUtc, string? District);

public sealed record SearchResults(
    IReadOnlyList<SearchHit> Hits,
    int Total,
    IReadOnlyDictionary<ContentKind, int> KindCounts,
    IReadOnlyDictionary<string, (string Name, int Count)> DistrictCounts,
    string? DidYouMean,
    bool Fuzzy,
    bool Approximate = false)
{
    public static readonly SearchResults Empty = new([], 0, new Dictionary<ContentKind, int>(), new Dictionary<string, (string, int)>(), null, false);
}

public sealed record Suggestion(string Title, string Url, ContentKind Kind);

/// <summary>
/// The portal's one Lucene index: one IndexWriter and one SearcherManager for the life of the app, on NIOFSDirectory
/// (MMapDirectory crashes on Linux in this version). Queries are built from analysed tokens, never parsed, so no user
/// input is Lucene syntax. A missing, locked or unreadable index is wiped and reported as needing a rebuild.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const int MaxQueryLength = 200;
    private const int MaxTokens = 12;

    private readonly Analyzer _analyzer = SearchAnalyzer.PerField();
    private readonly Analyzer _folded = new SearchAnalyzer(fold: true);
    private readonly Analyzer _exact = new SearchAnalyzer(fold: false);
    private readonly FSDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly ILogger<SearchIndex> _logger;

    private readonly int _sampleAbove;
    private readonly int _sampleSize;

    /// <param name="sampleAbove">
    /// A query whose rarest word is in more items than this is counted from a sample of <paramref name="sampleSize"/> matches
    /// (totals and facets shown as "khoảng"), and ranked over that sample plus every item with all the words in its title:
    /// visiting every match of "làng nghề" in a large index costs more than the answer is worth.
    /// </param>
    public SearchIndex(string path, ILogger<SearchIndex> logger, int sampleAbove = 5_000, int sampleSize = 2_000)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleAbove, sampleSize);
        _logger = logger;
        _sampleAbove = sampleAbove;
        _sampleSize = sampleSize;
        Directory.CreateDirectory(path);
        _directory = new PositionalReadDirectory(new DirectoryInfo(path));
        try
        {
            NeedsRebuild = !DirectoryReader.IndexExists(_directory);
            (_writer, _searchers) = Open(_directory, NeedsRebuild ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND);
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or LockObtainFailedException))
        {
            // Corrupt, truncated or from another version: the database is the source of truth, so start empty and rebuild.
            _logger.LogWarning(ex, "Search index at {Path} cannot be opened; it will be rebuilt from the database", path);
            foreach (var file in Directory.EnumerateFiles(path)) File.Delete(file);
            NeedsRebuild = true;
            (_writer, _searchers) = Open(_directory, OpenMode.CREATE);
        }
    }

    /// <summary>True when the index was missing or unreadable at start: the caller rebuilds it from the database.</summary>
    public bool NeedsRebuild { get; }

    public int DocumentCount
    {
        get
        {
            var searcher = _searchers.Acquire();
            try { return searcher.IndexReader.NumDocs; }
            finally { _searchers.Release(searcher); }
        }
    }

    private (IndexWriter, SearcherManager) Open(FSDirectory directory, OpenMode mode)
    {
        // Native locks die with their process, so a crash leaves no stale lock; a live holder (the running site) makes this throw.
        var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzer.Version, _analyzer) { OpenMode = mode, RAMBufferSizeMB = 512 });
        if (mode == OpenMode.CREATE) writer.Commit();
        var searchers = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null);
        var probe = searchers.Acquire();
        try { _ = probe.IndexReader.NumDocs; }
        finally { searchers.Release(probe); }
        return (writer, searchers);
    }

    public void Upsert(IEnumerable<SearchDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents) _writer.UpdateDocument(new Term(SearchFields.Id, document.Id), ToLucene(document));
    }

    public void Delete(ContentKind kind, string slug) => _writer.DeleteDocuments(new Term(SearchFields.Id, $"{kind}:{slug}"));

    /// <summary>Makes the changes durable and visible to the next search.</summary>
    public void Commit()
    {
        _writer.Commit();
        _searchers.MaybeRefreshBlocking();
    }

    public void Rebuild(IEnumerable<SearchDocument> documents, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        _writer.DeleteAll();
        var count = 0;
        // Newest first: a sampled broad query then samples the most recent items.
        foreach (var document in documents.OrderByDescending(d => d.PublishedAtUtc))
        {
            _writer.AddDocument(ToLucene(document));
            if (++count % 10_000 == 0) progress?.Report(count);
        }
        Commit();
        progress?.Report(count);
    }

    private static string AllText(SearchDocument d) => string.Join('\n', d.Title, d.Summary, d.Extra, d.Body);

    private static Document ToLucene(SearchDocument d)
    {
        var doc = new Document
        {
            new StringField(SearchFields.Id, d.Id, Field.Store.YES),
            new StringField(SearchFields.Kind, d.Kind.ToString(), Field.Store.YES),
            new SortedDocValuesField(SearchFields.Kind, new BytesRef(d.Kind.ToString())),
            new StoredField(SearchFields.Url, d.Url),
            new TextField(SearchFields.Title, d.Title, Field.Store.YES),
            new TextField(SearchFields.TitleExact, d.Title, Field.Store.NO),
            new StoredField(SearchFields.Summary, d.Summary ?? ""),
            new TextField(SearchFields.All, AllText(d), Field.Store.NO),
            new TextField(SearchFields.AllExact, AllText(d), Field.Store.NO),
            new Int64Field(SearchFields.Published, d.PublishedAtUtc.Ticks, Field.Store.YES),
            new NumericDocValuesField(SearchFields.Published, d.PublishedAtUtc.Ticks),
            new NumericDocValuesField(SearchFields.KindNumber, (long)d.Kind),
            // Only the start of long bodies is kept for snippets; matching uses the whole text.
            new StoredField(SearchFields.Text, d.Body.Length > 20_000 ? d.Body[..20_000] : d.Body),
        };
        if (d.Number is not null) doc.Add(new StringField(SearchFields.Number, VietnameseText.Fold(d.Number), Field.Store.NO));
        if (d.District is not null)
        {
            doc.Add(new StoredField(SearchFields.District, d.District));
            doc.Add(new StringField(SearchFields.DistrictKey, VietnameseText.Slugify(d.District), Field.Store.NO));
            doc.Add(new SortedDocValuesField(SearchFields.DistrictKey, new BytesRef(d.District)));
        }
        return doc;
    }

    public SearchResults Search(SearchRequest request, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = Normalize(request.Query);
        var folded = SearchAnalyzer.Tokens(_folded, SearchFields.All, text).Take(MaxTokens).ToList();
        if (folded.Count == 0) return SearchResults.Empty;
        var exact = SearchAnalyzer.Tokens(_exact, SearchFields.AllExact, text).Take(MaxTokens).ToList();

        var searcher = _searchers.Acquire();
        try
        {
            var reader = searcher.IndexReader;
            var unknown = folded.Select(t => t.Length >= 4 && DocFreq(reader, t) == 0).ToList();
            var fuzzy = unknown.Any(u => u);
            var visible = VisibleAt(nowUtc);
            // A typo'd word matches its corrections, which are no rarer than the words spelt right: judge by those.
            var known = folded.Where((_, i) => !unknown[i]).ToList();
            var sample = known.Count > 0 && known.Min(t => DocFreq(reader, t)) > _sampleAbove ? _sampleSize : 0;

            var query = BuildQuery(text, folded, exact, unknown, requireAll: true);
            var (total, kinds, districts, top, approximate) = Collect(searcher, query, visible, request, sample);
            if (total == 0 && folded.Count > 1)
            {
                // Nothing has every word: accept results that miss one.
                query = BuildQuery(text, folded, exact, unknown, requireAll: false);
                (total, kinds, districts, top, approximate) = Collect(searcher, query, visible, request, sample);
            }
            if (approximate)
            {
                // The sample may have missed the items named by the query: rank those with every word in the title too.
                var titled = new BooleanQuery { { Restrict(query, request), Occur.MUST } };
                foreach (var token in folded) titled.Add(new TermQuery(new Term(SearchFields.Title, token)), Occur.MUST);
                var titleTop = TopScoreDocCollector.Create(Needed(request), true);
                searcher.Search(titled, visible, new SamplingCollector(titleTop, sample, reader.MaxDoc));
                var merged = top.ScoreDocs.Concat(titleTop.GetTopDocs().ScoreDocs)
                    .GroupBy(d => d.Doc).Select(g => g.MaxBy(d => d.Score)!)
                    .OrderByDescending(d => d.Score).Take(Needed(request)).ToArray();
                top = new TopDocs(total, merged, merged.Length == 0 ? float.NaN : merged[0].Score);
            }

            var phrases = PhraseFactors(searcher, top.ScoreDocs, folded, exact);
            var ranked = top.ScoreDocs
                .Select(sd =>
                {
                    // Per-segment doc values: the top-level MultiDocValues views build ordinal maps on every call.
                    var leaf = reader.Leaves[ReaderUtil.SubIndex(sd.Doc, reader.Leaves)];
                    var local = sd.Doc - leaf.DocBase;
                    var kind = (ContentKind)leaf.AtomicReader.GetNumericDocValues(SearchFields.KindNumber).Get(local);
                    var published = leaf.AtomicReader.GetNumericDocValues(SearchFields.Published).Get(local);
                    return (sd.Doc, Score: sd.Score * phrases[sd.Doc] * Weight(kind, published, nowUtc));
                })
                .OrderByDescending(x => x.Score)
                .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
                .Select(x => (Doc: searcher.Doc(x.Doc), x.Score))
                .ToList();

            // Highlighting gets its own plain term query per field: the scoring query's structure is not the Highlighter's concern.
            var highlighter = Highlighter(HighlightQuery(reader, SearchFields.All, folded, unknown), SearchFields.All, new SimpleFragmenter(160));
            var titleHighlighter = Highlighter(HighlightQuery(reader, SearchFields.Title, folded, unknown), SearchFields.Title, new NullFragmenter());
            var hits = ranked.Select(x =>
            {
                var title = x.Doc.Get(SearchFields.Title);
                var body = x.Doc.Get(SearchFields.Text) ?? "";
                var summary = x.Doc.Get(SearchFields.Summary) ?? "";
                var titleHtml = Highlight(titleHighlighter, SearchFields.Title, title, 1) ?? HtmlTextEncoder.Encode(title);
                var snippet = Highlight(highlighter, SearchFields.All, body, 2)
                    ?? Highlight(highlighter, SearchFields.All, summary, 1)
                    ?? HtmlTextEncoder.Encode(summary.Length > 0 ? summary : body.Length > 200 ? body[..200] + "…" : body);
                return new SearchHit(
                    Enum.Parse<ContentKind>(x.Doc.Get(SearchFields.Kind)), x.Doc.Get(SearchFields.Url), titleHtml, snippet,
                    new DateTime(long.Parse(x.Doc.Get(SearchFields.Published), CultureInfo.InvariantCulture), DateTimeKind.Utc),
                    x.Doc.Get(SearchFields.District));
            }).ToList();

            var didYouMean = fuzzy || total < 3 ? Correct(searcher, folded, unknown, visible, _sampleSize) : null;
            return new SearchResults(hits, total, kinds, districts, didYouMean, fuzzy, approximate);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Title suggestions for a prefix, folded: "lang ng" finds "Làng nghề …".</summary>
    public IReadOnlyList<Suggestion> Suggest(string prefix, DateTime nowUtc, int take = 8)
    {
        var tokens = SearchAnalyzer.Tokens(_folded, SearchFields.Title, Normalize(prefix)).Take(MaxTokens).ToList();
        if (tokens.Count == 0 || tokens[^1].Length < 2 && tokens.Count == 1) return [];
        var query = new BooleanQuery();
        foreach (var token in tokens.SkipLast(1)) query.Add(new TermQuery(new Term(SearchFields.Title, token)), Occur.MUST);
        query.Add(new PrefixQuery(new Term(SearchFields.Title, tokens[^1])), Occur.MUST);
        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(query, VisibleAt(nowUtc), take);
            return top.ScoreDocs.Select(sd => searcher.Doc(sd.Doc))
                .Select(d => new Suggestion(d.Get(SearchFields.Title), d.Get(SearchFields.Url), Enum.Parse<ContentKind>(d.Get(SearchFields.Kind))))
                .ToList();
        }
        finally
        {
            _searchers.Release(searcher);
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

    public static string Normalize(string? query)
    {
        var text = VietnameseText.Nfc((query ?? "").Trim());
        return text.Length > MaxQueryLength ? text[..MaxQueryLength] : text;
    }

    // Every word of the title is in "all" too.
    private static int DocFreq(IndexReader reader, string token) => reader.DocFreq(new Term(SearchFields.All, token));

    /// <summary>
    /// Every word must be in the item (one term per word on the catch-all field, so the conjunction leapfrogs cheaply);
    /// title words and exact diacritics only add score to items that already match.
    /// </summary>
    private static Query BuildQuery(string text, List<string> folded, List<string> exact, List<bool> unknown, bool requireAll)
    {
        Query Word(string field, int i) => unknown[i]
            ? new FuzzyQuery(new Term(field, folded[i]), folded[i].Length >= 6 ? 2 : 1, prefixLength: 1)
            : new TermQuery(new Term(field, folded[i]));

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

    /// <summary>The words together, in order: exact in the title, nearly in the title, exact anywhere; and the words' own diacritics.</summary>
    private static List<(Query Query, float Factor)> PhraseBoosts(List<string> folded, List<string> exact)
    {
        var boosts = new List<(Query, float)>();
        if (folded.Count >= 2)
        {
            boosts.Add((Phrase(SearchFields.Title, folded, 1f), 0.75f));
            boosts.Add((Phrase(SearchFields.Title, folded, 1f, slop: 2), 0.25f));
            boosts.Add((Phrase(SearchFields.All, folded, 1f), 0.5f));
        }
        // Each word typed with its diacritics and found with the same diacritics in the text adds a little.
        for (var i = 0; i < Math.Min(folded.Count, exact.Count); i++)
            if (exact[i] != folded[i]) boosts.Add((new TermQuery(new Term(SearchFields.AllExact, exact[i])), 0.3f / folded.Count));
        return boosts;
    }

    /// <summary>
    /// Phrase and diacritic boosts are applied to the best hits only (a rescoring pass): checking positions, or a second
    /// posting list as long as the first, for every matching document costs more than the rest of the query when the words are common.
    /// </summary>
    private static Dictionary<int, float> PhraseFactors(IndexSearcher searcher, ScoreDoc[] hits, List<string> folded, List<string> exact)
    {
        var factors = hits.ToDictionary(h => h.Doc, _ => 1f);
        var boosts = PhraseBoosts(folded, exact);
        if (boosts.Count == 0 || hits.Length == 0) return factors;
        var only = new DocIdsFilter(hits.Select(h => h.Doc).Order().ToArray());
        // One pass for every boost (each query is set up once per search, which costs more than checking a few documents):
        // filter first, so only the candidates are visited, and read off which clauses sit on each candidate.
        var any = new BooleanQuery();
        foreach (var (query, _) in boosts) any.Add(query, Occur.SHOULD);
        searcher.Search(new FilteredQuery(any, only, FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY), new BoostCollector(boosts, factors));
        return factors;
    }

    private static PhraseQuery Phrase(string field, List<string> tokens, float boost, int slop = 0)
    {
        var phrase = new PhraseQuery { Boost = boost, Slop = slop };
        foreach (var token in tokens) phrase.Add(new Term(field, token));
        return phrase;
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
            searcher.Search(Restrict(query, request), visible, hits);
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

    private static Query Restrict(Query query, SearchRequest request)
    {
        if (request.Kind is null && request.DistrictKey is null) return query;
        var filtered = new BooleanQuery { { query, Occur.MUST } };
        if (request.Kind is { } kind) filtered.Add(new TermQuery(new Term(SearchFields.Kind, kind.ToString())), Occur.MUST);
        if (request.DistrictKey is { } district) filtered.Add(new TermQuery(new Term(SearchFields.DistrictKey, district)), Occur.MUST);
        return filtered;
    }

    /// <summary>
    /// News and announcements of the last year or so rank slightly higher (at most +15%); a village, product, sight or
    /// route — the page a visitor usually wants — gets +15% over articles that only mention it.
    /// </summary>
    private static float Weight(ContentKind kind, long publishedTicks, DateTime nowUtc)
    {
        if (kind is ContentKind.Village or ContentKind.Product or ContentKind.Sight or ContentKind.Route) return 1.15f;
        if (kind is not (ContentKind.News or ContentKind.Announcement)) return 1f;
        var published = new DateTime(publishedTicks, DateTimeKind.Utc);
        var ageDays = Math.Max(0, (nowUtc - published).TotalDays);
        return 1f + 0.15f * (float)Math.Exp(-ageDays / 365);
    }

    private string? Highlight(Highlighter highlighter, string field, string text, int fragments)
    {
        if (text.Length == 0) return null;
        using var stream = _folded.GetTokenStream(field, text);
        var best = highlighter.GetBestFragments(stream, text, fragments, " … ");
        // A fragment without a match says nothing about why the item was found: fall back to the next source.
        return string.IsNullOrEmpty(best) || !best.Contains("<mark>", StringComparison.Ordinal) ? null : best;
    }

    private static Highlighter Highlighter(Query query, string field, IFragmenter fragmenter) =>
        new(new SimpleHTMLFormatter("<mark>", "</mark>"), new HtmlTextEncoder(), new QueryTermScorer(query, field))
        {
            TextFragmenter = fragmenter,
            MaxDocCharsToAnalyze = 6_000, // snippets come from the start of long texts; analysing all of it costs per hit
        };

    private static Query HighlightQuery(IndexReader reader, string field, List<string> tokens, List<bool> unknown)
    {
        var query = new BooleanQuery();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!unknown[i]) query.Add(new TermQuery(new Term(field, tokens[i])), Occur.SHOULD);
            else
                foreach (var (term, _, _) in Candidates(reader, field, tokens[i]))
                    query.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
        }
        return query;
    }

    /// <summary>
    /// For each unknown word, the index's own word that fits best: closest by edit distance, then the one that finds
    /// the most items together with the other words ("thanh lonh" → "thanh long", not "thanh linh"), then the most frequent.
    /// </summary>
    private static string? Correct(IndexSearcher searcher, List<string> tokens, List<bool> unknown, Filter visible, int sample)
    {
        var reader = searcher.IndexReader;
        var corrected = tokens.ToList();
        var changed = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!unknown[i]) continue;
            var candidates = Candidates(reader, SearchFields.All, tokens[i])
                .GroupBy(c => c.Term).Select(g => (Term: g.Key, Distance: g.Min(c => c.Distance), Freq: g.Sum(c => c.Freq)))
                .ToList();
            if (candidates.Count == 0) continue;
            var minDistance = candidates.Min(c => c.Distance);
            var best = candidates.Where(c => c.Distance == minDistance)
                .Select(c => (c.Term, c.Freq, Together: CountWith(searcher, corrected, i, c.Term, visible, sample)))
                .OrderByDescending(c => c.Together).ThenByDescending(c => c.Freq).ThenBy(c => c.Term, StringComparer.Ordinal)
                .First();
            corrected[i] = best.Term;
            changed = true;
        }
        return changed ? string.Join(' ', corrected) : null;
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

    private static IEnumerable<(string Term, int Distance, int Freq)> Candidates(IndexReader reader, string field, string token)
    {
        var rewritten = new FuzzyQuery(new Term(field, token), token.Length >= 6 ? 2 : 1, prefixLength: 1).Rewrite(reader);
        var terms = new HashSet<Term>();
        rewritten.ExtractTerms(terms);
        return terms.Select(t => (t.Text, Levenshtein(t.Text, token), reader.DocFreq(t)));
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

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
        _folded.Dispose();
        _exact.Dispose();
    }
}

/// <summary>Counts hits per type and per district from doc values: per segment by ordinal, turned into names once per segment.</summary>
internal sealed class FacetCollector : ICollector
{
    private readonly Dictionary<string, int> _kinds = [];
    private readonly Dictionary<string, int> _districts = [];
    private (SortedDocValues? Values, int[] Counts) _kind = (null, []);
    private (SortedDocValues? Values, int[] Counts) _district = (null, []);

    public IReadOnlyDictionary<ContentKind, int> Kinds
    {
        get
        {
            Flush();
            return _kinds.ToDictionary(kv => Enum.Parse<ContentKind>(kv.Key), kv => kv.Value);
        }
    }

    public IReadOnlyDictionary<string, (string, int)> Districts
    {
        get
        {
            Flush();
            return _districts.ToDictionary(kv => VietnameseText.Slugify(kv.Key), kv => (kv.Key, kv.Value));
        }
    }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Flush();
        _kind = Start(context.AtomicReader.GetSortedDocValues(SearchFields.Kind));
        _district = Start(context.AtomicReader.GetSortedDocValues(SearchFields.DistrictKey));
    }

    public void Collect(int doc)
    {
        Count(_kind, doc);
        Count(_district, doc);
    }

    private static (SortedDocValues?, int[]) Start(SortedDocValues? values) => (values, values is null ? [] : new int[values.ValueCount]);

    private static void Count((SortedDocValues? Values, int[] Counts) segment, int doc)
    {
        if (segment.Values is null) return;
        var ord = segment.Values.GetOrd(doc);
        if (ord >= 0) segment.Counts[ord]++;
    }

    private void Flush()
    {
        Drain(ref _kind, _kinds);
        Drain(ref _district, _districts);
    }

    private static void Drain(ref (SortedDocValues? Values, int[] Counts) segment, Dictionary<string, int> totals)
    {
        if (segment.Values is null) return;
        var scratch = new BytesRef();
        for (var ord = 0; ord < segment.Counts.Length; ord++)
        {
            if (segment.Counts[ord] == 0) continue;
            segment.Values.LookupOrd(ord, scratch);
            var key = scratch.Utf8ToString();
            totals[key] = totals.GetValueOrDefault(key) + segment.Counts[ord];
        }
        segment = (null, []);
    }
}

/// <summary>
/// Passes matches on until it has seen <c>limit</c> of them (0: no limit), then stops the search; the share of the index
/// scanned by then turns the counts into estimates. Needs matches in document order, so it refuses out-of-order scorers.
/// </summary>
internal sealed class SamplingCollector(ICollector inner, int limit, int maxDoc) : ICollector
{
    private int _docBase;
    private int _collected;
    private double _scanned = 1;

    public bool Stopped { get; private set; }

    /// <summary>The number of matches in the whole index, estimated from the share scanned.</summary>
    public int Estimate => Scale(_collected);

    public int Scale(int count) => Stopped ? (int)Math.Round(count / _scanned) : count;

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Stopped) throw new CollectionTerminatedException(); // IndexSearcher skips the segment
        _docBase = context.DocBase;
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        inner.Collect(doc);
        if (++_collected < limit || limit == 0) return;
        Stopped = true;
        _scanned = Math.Max(1, _docBase + doc + 1) / (double)Math.Max(1, maxDoc);
        throw new CollectionTerminatedException();
    }
}

/// <summary>
/// NIOFSDirectory (MMapDirectory crashes on Linux in this version) with its reads done by <see cref="RandomAccess"/>:
/// Lucene.Net's NIO read path copies through a ByteBuffer under a lock and measured as half of a broad query's time.
/// Positional reads (pread) on one shared handle need no lock; clones and compound-file slices share the handle.
/// </summary>
internal sealed class PositionalReadDirectory(DirectoryInfo path) : NIOFSDirectory(path)
{
    private const int ReadSize = 4096;

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        var handle = File.OpenHandle(Path.Combine(Directory.FullName, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new PositionalIndexInput($"PositionalIndexInput(path=\"{name}\")", handle, 0, RandomAccess.GetLength(handle), owner: true);
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return new Slicer(File.OpenHandle(Path.Combine(Directory.FullName, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), name);
    }

    private sealed class Slicer(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string name) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            new PositionalIndexInput($"PositionalIndexInput({sliceDescription} in \"{name}\")", handle, offset, length, owner: false);

        [Obsolete("Only for reading CFS files from 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full-slice", 0, RandomAccess.GetLength(handle));

        protected override void Dispose(bool disposing)
        {
            if (disposing) handle.Dispose();
        }
    }

    private sealed class PositionalIndexInput(string description, Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long length, bool owner)
        : BufferedIndexInput(description, ReadSize)
    {
        private bool _owner = owner;

        public override long Length => length;

        protected override void ReadInternal(byte[] b, int offset1, int len)
        {
            var position = Position;
            if (position + len > length) throw new EndOfStreamException($"read past EOF: {this}");
            var span = b.AsSpan(offset1, len);
            while (span.Length > 0)
            {
                var read = RandomAccess.Read(handle, span, offset + position);
                if (read <= 0) throw new EndOfStreamException($"read past EOF: {this}");
                span = span[read..];
                position += read;
            }
        }

        protected override void SeekInternal(long pos)
        {
        }

        public override object Clone()
        {
            var clone = (PositionalIndexInput)base.Clone();
            clone._owner = false; // clones share the handle and never close it
            return clone;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _owner) handle.Dispose();
        }
    }
}

/// <summary>For each collected document, adds the factor of every boost clause whose scorer is on that document.</summary>
internal sealed class BoostCollector(IReadOnlyList<(Query Query, float Factor)> boosts, Dictionary<int, float> factors) : ICollector
{
    private readonly List<(Scorer Scorer, float Factor)> _clauses = [];
    private int _docBase;

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer)
    {
        _clauses.Clear();
        Find(scorer);
    }

    private void Find(Scorer scorer)
    {
        var index = -1;
        for (var i = 0; i < boosts.Count && index < 0; i++)
            if (ReferenceEquals(scorer.Weight?.Query, boosts[i].Query)) index = i;
        if (index >= 0) _clauses.Add((scorer, boosts[index].Factor));
        else foreach (var child in scorer.GetChildren()) Find(child.Child);
    }

    public void SetNextReader(AtomicReaderContext context) => _docBase = context?.DocBase ?? 0;

    public void Collect(int doc)
    {
        foreach (var (scorer, factor) in _clauses)
            if (scorer.DocID == doc) factors[_docBase + doc] += factor;
    }
}

/// <summary>Lets through only the given top-level document numbers (sorted), segment by segment.</summary>
internal sealed class DocIdsFilter(int[] sortedDocs) : Filter
{
    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs)
    {
        ArgumentNullException.ThrowIfNull(context);
        var max = context.AtomicReader.MaxDoc;
        var bits = new FixedBitSet(max);
        var from = Array.BinarySearch(sortedDocs, context.DocBase);
        for (var i = from < 0 ? ~from : from; i < sortedDocs.Length && sortedDocs[i] < context.DocBase + max; i++)
            bits.Set(sortedDocs[i] - context.DocBase);
        return bits;
    }
}

/// <summary>HTML-encodes only what HTML needs (&amp; &lt; &gt; &quot; &#39;): Lucene's SimpleHTMLEncoder would turn every Vietnamese letter into an entity.</summary>
internal sealed class HtmlTextEncoder : IEncoder
{
    public string EncodeText(string originalText) => Encode(originalText);

    public static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
