using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using Directory = System.IO.Directory;

namespace PublicPortal.Web.Features.Search;

/// <param name="AsTyped">Search the words as typed: no word is taken for a typo of another (the reader chose "Tìm chính xác").</param>
public sealed record SearchRequest(string Query, ContentKind? Kind = null, string? DistrictKey = null, int Page = 1, int PageSize = 10, bool AsTyped = false);

public sealed record SearchHit(ContentKind Kind, string Url, string TitleHtml, string SnippetHtml, DateTime PublishedAtUtc, string? District, DatePrecision DatePrecision = DatePrecision.Day);

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

    // Lucene finds codecs by the name written in the index: ours must be known before any index is opened.
    static SearchIndex() => Lucene.Net.Codecs.Codec.SetCodecFactory(new Lucene.Net.Codecs.DefaultCodecFactory { CustomCodecTypes = [typeof(PortalSearchCodec)] });

    /// <param name="sampleAbove">
    /// A query whose rarest word is in more items than this is counted from a sample of <paramref name="sampleSize"/> matches
    /// (totals and facets shown as "khoảng"), and ranked over that sample plus every item with all the words in its title:
    /// visiting every match of "làng nghề" in a large index costs more than the answer is worth.
    /// </param>
    public SearchIndex(string path, ILogger<SearchIndex> logger, int sampleAbove = 5_000, int sampleSize = 1_000)
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

    private const string FeedMarkKey = "feed";

    /// <summary>The last change record the committed index includes; null for an index that never said (made before the feed).</summary>
    public long? FeedMark =>
        _writer.CommitData.TryGetValue(FeedMarkKey, out var mark) && long.TryParse(mark, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

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
        var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzer.Version, _analyzer) { OpenMode = mode, RAMBufferSizeMB = 512, Codec = new PortalSearchCodec() });
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

    /// <summary>
    /// Makes the changes durable and visible to the next search; <paramref name="feedMark"/> is stored with them (the last
    /// change record they include), so a restarted process knows where in the change feed its index stands.
    /// </summary>
    public void Commit(long? feedMark = null)
    {
        if (feedMark is { } mark) _writer.SetCommitData(new Dictionary<string, string> { [FeedMarkKey] = mark.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _writer.Commit();
        _searchers.MaybeRefreshBlocking();
    }

    public void Rebuild(IEnumerable<SearchDocument> documents, IProgress<int>? progress = null, long? feedMark = null)
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
        Commit(feedMark);
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
            new StoredField(SearchFields.DatePrecision, (int)d.DatePrecision),
            new NumericDocValuesField(SearchFields.Published, d.PublishedAtUtc.Ticks),
            new NumericDocValuesField(SearchFields.KindNumber, (long)d.Kind),
            // Only the start of long bodies is kept for snippets; matching uses the whole text.
            new StoredField(SearchFields.Text, d.Body.Length > Snippets.MaxCharsToAnalyze ? d.Body[..Snippets.MaxCharsToAnalyze] : d.Body),
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
            // A word of 4+ letters the index does not hold is a typo: it stands for the index's words nearest to it,
            // found once here and used alike for matching, highlighting and "Có phải bạn muốn tìm".
            var frequencies = folded.Select(t => DocFreq(reader, t)).ToList(); // each lookup opens a terms enumeration: once per word
            var fuzzy = folded.Select((t, i) => t.Length >= MinTypoLength && frequencies[i] == 0 ? Candidates(reader, t) : null).ToList();
            var typo = fuzzy.Any(f => f is not null);
            var visible = VisibleAt(nowUtc);
            var correction = typo ? Correct(searcher, folded, fuzzy, visible, _sampleSize) : null;

            if (correction is not null && !request.AsTyped)
            {
                // The reader is shown "Có phải bạn muốn tìm: …": the results are those of that correction, word for word, not
                // the union of every near word (which for "thanh lonh" also finds "thanh linh", "thanh long" and "thanh hong").
                var corrected = Run(searcher, request, nowUtc, visible, correction, exact.Select((e, i) => i < folded.Count && folded[i] != correction[i] ? correction[i] : e).ToList(), NoTypos(correction), string.Join(' ', correction));
                if (corrected.Total > 0) return corrected with { DidYouMean = string.Join(' ', correction), CorrectedFrom = text };
                // The correction finds nothing under the chosen filters: the near words may still find something.
            }

            // Searching "as typed" (the reader followed "Tìm chính xác"), no word stands for another.
            var results = Run(searcher, request, nowUtc, visible, folded, exact, request.AsTyped ? NoTypos(folded) : fuzzy, text);
            return results with { DidYouMean = correction is null ? null : string.Join(' ', correction) };
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>A word of this many letters or more that the index does not hold is taken for a typo (here and in suggestions).</summary>
    private const int MinTypoLength = 4;

    private static List<List<FuzzyTerm>?> NoTypos(List<string> tokens) => tokens.Select(_ => (List<FuzzyTerm>?)null).ToList();

    /// <summary>One search for the given words: <paramref name="fuzzy"/> holds, per word, the index's words standing in for it (null: the word itself).</summary>
    private SearchResults Run(IndexSearcher searcher, SearchRequest request, DateTime nowUtc, Filter visible, List<string> folded, List<string> exact, List<List<FuzzyTerm>?> fuzzy, string text)
    {
        var reader = searcher.IndexReader;
        // The rarest word bounds the number of matches; a typo'd word matches as many items as its corrections together.
        var matches = folded.Select((t, i) => fuzzy[i] is { } c ? c.Sum(x => x.Freq) : DocFreq(reader, t)).Min();
        var sample = matches > _sampleAbove ? _sampleSize : 0;

        var query = BuildQuery(text, folded, exact, fuzzy, requireAll: true);
        var (total, kinds, districts, top, approximate) = Collect(searcher, query, visible, request, sample);
        if (total == 0 && folded.Count > 1)
        {
            // Nothing has every word: accept results that miss one.
            query = BuildQuery(text, folded, exact, fuzzy, requireAll: false);
            (total, kinds, districts, top, approximate) = Collect(searcher, query, visible, request, sample);
        }
        if (approximate) top = WithTitleMatches(searcher, query, top, folded, fuzzy, visible, request);

        var phrases = PhraseFactors(reader, top.ScoreDocs, folded, exact);
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

        // The words to mark: those searched, or for a typo'd word the index's words standing in for it.
        var marked = folded.SelectMany((t, i) => fuzzy[i]?.Select(c => c.Term) ?? [t]).ToHashSet(StringComparer.Ordinal);
        var hits = ranked.Select(x =>
        {
            var title = x.Doc.Get(SearchFields.Title);
            var body = x.Doc.Get(SearchFields.Text) ?? "";
            var summary = x.Doc.Get(SearchFields.Summary) ?? "";
            var titleHtml = Snippets.Build(_folded, SearchFields.Title, title, marked, 1, 0) ?? HtmlTextEncoder.Encode(title);
            // A passage without a match says nothing about why the item was found: fall back to the next source.
            var snippet = Snippets.Build(_folded, SearchFields.All, body, marked, 2, 160)
                ?? Snippets.Build(_folded, SearchFields.All, summary, marked, 1, 160)
                ?? HtmlTextEncoder.Encode(summary.Length > 0 ? summary : body.Length > 200 ? body[..200] + "…" : body);
            return new SearchHit(
                Enum.Parse<ContentKind>(x.Doc.Get(SearchFields.Kind)), x.Doc.Get(SearchFields.Url), titleHtml, snippet,
                new DateTime(long.Parse(x.Doc.Get(SearchFields.Published), CultureInfo.InvariantCulture), DateTimeKind.Utc),
                x.Doc.Get(SearchFields.District),
                (DatePrecision)(x.Doc.GetField(SearchFields.DatePrecision)?.GetInt32Value() ?? 0));
        }).ToList();

        return new SearchResults(hits, total, kinds, districts, null, fuzzy.Any(f => f is not null), approximate);
    }

    /// <summary>
    /// Title suggestions for a prefix, folded: "lang ng" finds "Làng nghề …". When nothing starts so, each word of four
    /// letters or more may hold one typo, as on the results page ("thanh lonh" finds "Nước ép thanh long …").
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(string prefix, DateTime nowUtc, int take = 8)
    {
        var tokens = SearchAnalyzer.Tokens(_folded, SearchFields.Title, Normalize(prefix)).Take(MaxTokens).ToList();
        if (tokens.Count == 0 || tokens[^1].Length < 2 && tokens.Count == 1) return [];
        var searcher = _searchers.Acquire();
        try
        {
            var visible = VisibleAt(nowUtc);
            var top = searcher.Search(SuggestQuery(tokens, tolerant: false), visible, take);
            // The tolerant query costs a walk of the title terms: only for what the plain one cannot answer.
            if (top.TotalHits == 0 && tokens.Any(t => t.Length >= MinTypoLength)) top = searcher.Search(SuggestQuery(tokens, tolerant: true), visible, take);
            return top.ScoreDocs.Select(sd => searcher.Doc(sd.Doc))
                .Select(d => new Suggestion(d.Get(SearchFields.Title), d.Get(SearchFields.Url), Enum.Parse<ContentKind>(d.Get(SearchFields.Kind))))
                .ToList();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>
    /// Every word but the last is whole, the last is a prefix. Tolerant: a word of four letters or more may instead be one
    /// edit away from a whole word of the titles (a swap of two letters counts as one), keeping its first letter, like
    /// <see cref="Candidates"/>. (A prefix within one edit would need an automaton of the word followed by anything, whose
    /// determinisation grows with the word: a 200-letter "word" took minutes.)
    /// </summary>
    private static BooleanQuery SuggestQuery(List<string> tokens, bool tolerant)
    {
        var query = new BooleanQuery();
        for (var i = 0; i < tokens.Count; i++)
        {
            var term = new Term(SearchFields.Title, tokens[i]);
            Query word = i == tokens.Count - 1 ? new PrefixQuery(term) : new TermQuery(term);
            if (tolerant && tokens[i].Length >= MinTypoLength)
                word = new BooleanQuery { { word, Occur.SHOULD }, { new FuzzyQuery(term, 1, 1), Occur.SHOULD } };
            query.Add(word, Occur.MUST);
        }
        return query;
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
    private static Query BuildQuery(string text, List<string> folded, List<string> exact, List<List<FuzzyTerm>?> fuzzy, bool requireAll)
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
    private static Query AnyOf(string field, string token, List<FuzzyTerm> candidates)
    {
        if (candidates.Count == 0) return new TermQuery(new Term(field, token)); // matches nothing, as the word itself is not in the index
        var query = new BooleanQuery(disableCoord: true);
        foreach (var c in candidates)
            query.Add(new TermQuery(new Term(field, c.Term)) { Boost = Math.Max(0.1f, 1f - c.Distance / (float)Math.Min(c.Term.Length, token.Length)) }, Occur.SHOULD);
        return query;
    }

    /// <summary>
    /// Phrase and diacritic boosts, applied to the best hits only (a rescoring pass): the words together in order exact in
    /// the title (+0.75), nearly in the title (+0.25, within two moves), exact anywhere (+0.5); each word typed with its
    /// diacritics and found with them (+0.3 shared among the words). Each candidate's postings are reached by skipping
    /// straight to it: a phrase query would check positions in every item between two candidates when the words are common.
    /// </summary>
    private static Dictionary<int, float> PhraseFactors(IndexReader reader, ScoreDoc[] hits, List<string> folded, List<string> exact)
    {
        var factors = hits.ToDictionary(h => h.Doc, _ => 1f);
        var accented = Enumerable.Range(0, Math.Min(folded.Count, exact.Count)).Where(i => exact[i] != folded[i]).Select(i => exact[i]).ToList();
        if (folded.Count < 2 && accented.Count == 0) return factors;
        foreach (var segment in hits.Select(h => h.Doc).Order().GroupBy(doc => ReaderUtil.SubIndex(doc, reader.Leaves)))
        {
            var leaf = reader.Leaves[segment.Key];
            var docs = segment.Select(doc => doc - leaf.DocBase).ToArray();
            if (folded.Count >= 2)
            {
                var title = new PhrasePositions(leaf.AtomicReader, SearchFields.Title, folded);
                var all = new PhrasePositions(leaf.AtomicReader, SearchFields.All, folded);
                foreach (var doc in docs)
                {
                    var spread = title.Spread(doc);
                    if (spread == 0) factors[leaf.DocBase + doc] += 0.75f;
                    if (spread <= 2) factors[leaf.DocBase + doc] += 0.25f;
                    if (all.Spread(doc) == 0) factors[leaf.DocBase + doc] += 0.5f;
                }
            }
            foreach (var word in accented)
            {
                var postings = leaf.AtomicReader.GetTermDocsEnum(new Term(SearchFields.AllExact, word));
                if (postings is null) continue;
                foreach (var doc in docs)
                    if ((postings.DocID >= doc ? postings.DocID : postings.Advance(doc)) == doc) factors[leaf.DocBase + doc] += 0.3f / folded.Count;
            }
        }
        return factors;
    }

    /// <summary>
    /// The sample may have missed the items named by the query: find those with every word in the title (a conjunction of
    /// the short title postings), score them with the full query, and merge them into the sampled best.
    /// </summary>
    private TopDocs WithTitleMatches(IndexSearcher searcher, Query query, TopDocs top, List<string> folded, List<List<FuzzyTerm>?> fuzzy, Filter visible, SearchRequest request)
    {
        var titled = new BooleanQuery();
        for (var i = 0; i < folded.Count; i++)
            titled.Add(fuzzy[i] is { } candidates ? AnyOf(SearchFields.Title, folded[i], candidates) : new TermQuery(new Term(SearchFields.Title, folded[i])), Occur.MUST);
        var ids = new DocIdCollector();
        searcher.Search(Restrict(titled, request), visible, new SamplingCollector(ids, _sampleSize, searcher.IndexReader.MaxDoc));
        if (ids.Docs.Count == 0) return top;
        var titleTop = TopScoreDocCollector.Create(Needed(request), true);
        searcher.Search(new FilteredQuery(Restrict(query, request), new DocIdsFilter([.. ids.Docs]), FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY), titleTop);
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

    /// <summary>
    /// For each unknown word, the index's own word that fits best: closest by edit distance, then the one that finds
    /// the most items together with the other words ("thanh lonh" → "thanh long", not "thanh linh"), then the most frequent.
    /// </summary>
    private static List<string>? Correct(IndexSearcher searcher, List<string> tokens, List<List<FuzzyTerm>?> fuzzy, Filter visible, int sample)
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
    private static List<FuzzyTerm> Candidates(IndexReader reader, string token)
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

/// <summary>A word of the index standing in for a typo'd one.</summary>
internal sealed record FuzzyTerm(string Term, int Distance, int Freq);

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

/// <summary>Records the matching top-level document numbers, in order.</summary>
internal sealed class DocIdCollector : ICollector
{
    private int _docBase;

    public List<int> Docs { get; } = [];

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context) => _docBase = context?.DocBase ?? 0;

    public void Collect(int doc) => Docs.Add(_docBase + doc);
}

/// <summary>
/// Where the query's words stand in one field of a segment's documents, visited in increasing order: <see cref="Spread"/>
/// is how far the words are from standing together in the query's order (0: the exact phrase), as a sloppy phrase measures it.
/// </summary>
internal sealed class PhrasePositions
{
    private readonly DocsAndPositionsEnum?[] _postings;
    private readonly List<int>[] _positions;

    public PhrasePositions(AtomicReader reader, string field, List<string> tokens)
    {
        _postings = tokens.Select(t => reader.GetTermPositionsEnum(new Term(field, t))).ToArray();
        _positions = tokens.Select(_ => new List<int>()).ToArray();
    }

    /// <summary>The smallest spread of (position − place in the query) over one occurrence of each word; int.MaxValue if a word is missing.</summary>
    public int Spread(int doc)
    {
        for (var i = 0; i < _postings.Length; i++)
        {
            var postings = _postings[i];
            if (postings is null || (postings.DocID >= doc ? postings.DocID : postings.Advance(doc)) != doc) return int.MaxValue;
            _positions[i].Clear();
            for (var n = postings.Freq; n > 0; n--) _positions[i].Add(postings.NextPosition() - i);
        }
        // Smallest range holding one value of each (sorted) list: advance the list whose value is lowest.
        var at = new int[_positions.Length];
        var best = int.MaxValue;
        while (true)
        {
            int low = 0, lowValue = int.MaxValue, high = int.MinValue;
            for (var i = 0; i < _positions.Length; i++)
            {
                var value = _positions[i][at[i]];
                if (value < lowValue) (low, lowValue) = (i, value);
                high = Math.Max(high, value);
            }
            best = Math.Min(best, high - lowValue);
            if (best == 0 || ++at[low] == _positions[low].Count) return best;
        }
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
internal static class HtmlTextEncoder
{
    public static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}

/// <summary>
/// The default Lucene 4.6 format with stored fields compressed in 4 KB chunks instead of 16 KB: showing a hit decompresses
/// its chunk up to the item, and with 16 KB chunks that was a fifth of a search's time.
/// </summary>
[Lucene.Net.Codecs.CodecName("PortalSearch")]
internal sealed class PortalSearchCodec() : Lucene.Net.Codecs.FilterCodec(new Lucene.Net.Codecs.Lucene46.Lucene46Codec())
{
    private readonly Lucene.Net.Codecs.StoredFieldsFormat _storedFields =
        new Lucene.Net.Codecs.Compressing.CompressingStoredFieldsFormat("PortalStoredFields", Lucene.Net.Codecs.Compressing.CompressionMode.FAST, 4096);

    public override Lucene.Net.Codecs.StoredFieldsFormat StoredFieldsFormat => _storedFields;
}
