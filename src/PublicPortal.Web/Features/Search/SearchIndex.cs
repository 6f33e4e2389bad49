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
    bool Fuzzy)
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

    public SearchIndex(string path, ILogger<SearchIndex> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        Directory.CreateDirectory(path);
        _directory = new NIOFSDirectory(new DirectoryInfo(path));
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
        var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzer.Version, _analyzer) { OpenMode = mode });
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
        foreach (var document in documents)
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

            var query = BuildQuery(text, folded, exact, unknown, requireAll: true);
            var (total, kinds, districts, top) = Collect(searcher, query, visible, request);
            if (total == 0 && folded.Count > 1)
            {
                // Nothing has every word: accept results that miss one.
                query = BuildQuery(text, folded, exact, unknown, requireAll: false);
                (total, kinds, districts, top) = Collect(searcher, query, visible, request);
            }

            var phrases = PhraseFactors(searcher, top.ScoreDocs, folded);
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

            var didYouMean = fuzzy || total < 3 ? Correct(searcher, folded, unknown, visible) : null;
            return new SearchResults(hits, total, kinds, districts, didYouMean, fuzzy);
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
            if (i < exact.Count && exact[i] != folded[i])
            {
                query.Add(new TermQuery(new Term(SearchFields.TitleExact, exact[i])) { Boost = 7f }, Occur.SHOULD);
                query.Add(new TermQuery(new Term(SearchFields.AllExact, exact[i])) { Boost = 1.5f }, Occur.SHOULD);
            }
        }
        query.Add(new TermQuery(new Term(SearchFields.Number, VietnameseText.Fold(text))) { Boost = 20f }, Occur.SHOULD);
        return query;
    }

    /// <summary>The words together, in order: exact in the title, nearly in the title, exact anywhere.</summary>
    private static IReadOnlyList<(Query Query, float Factor)> PhraseBoosts(List<string> folded) => folded.Count < 2 ? [] :
    [
        (Phrase(SearchFields.Title, folded, 1f), 0.75f),
        (Phrase(SearchFields.Title, folded, 1f, slop: 2), 0.25f),
        (Phrase(SearchFields.All, folded, 1f), 0.5f),
    ];

    /// <summary>
    /// Phrase boosts are applied to the best hits only (a rescoring pass): checking positions for every matching
    /// document costs more than the rest of the query when the words are common.
    /// </summary>
    private static Dictionary<int, float> PhraseFactors(IndexSearcher searcher, ScoreDoc[] hits, List<string> folded)
    {
        var factors = hits.ToDictionary(h => h.Doc, _ => 1f);
        var boosts = PhraseBoosts(folded);
        if (boosts.Count == 0 || hits.Length == 0) return factors;
        var only = new DocIdsFilter(hits.Select(h => h.Doc).Order().ToArray());
        foreach (var (query, factor) in boosts)
        {
            // Filter first: walk the few candidate documents, not every document holding the words.
            var restricted = new FilteredQuery(query, only, FilteredQuery.LEAP_FROG_FILTER_FIRST_STRATEGY);
            foreach (var match in searcher.Search(restricted, hits.Length).ScoreDocs)
                factors[match.Doc] += factor;
        }
        return factors;
    }

    private static PhraseQuery Phrase(string field, List<string> tokens, float boost, int slop = 0)
    {
        var phrase = new PhraseQuery { Boost = boost, Slop = slop };
        foreach (var token in tokens) phrase.Add(new Term(field, token));
        return phrase;
    }

    private static (int Total, IReadOnlyDictionary<ContentKind, int> Kinds, IReadOnlyDictionary<string, (string, int)> Districts, TopDocs Top)
        Collect(IndexSearcher searcher, Query query, Filter visible, SearchRequest request)
    {
        // Facet counts cover the query before the type and district filters, so every option shows what it would give.
        var facets = new FacetCollector();
        var needed = Math.Min(1000, request.Page * request.PageSize + 90);
        if (request.Kind is null && request.DistrictKey is null)
        {
            var top = TopScoreDocCollector.Create(needed, true);
            searcher.Search(query, visible, MultiCollector.Wrap(facets, top));
            var docs = top.GetTopDocs();
            return (docs.TotalHits, facets.Kinds, facets.Districts, docs);
        }
        searcher.Search(query, visible, facets);
        var filtered = new BooleanQuery { { query, Occur.MUST } };
        if (request.Kind is { } kind) filtered.Add(new TermQuery(new Term(SearchFields.Kind, kind.ToString())), Occur.MUST);
        if (request.DistrictKey is { } district) filtered.Add(new TermQuery(new Term(SearchFields.DistrictKey, district)), Occur.MUST);
        var result = searcher.Search(filtered, visible, needed);
        return (result.TotalHits, facets.Kinds, facets.Districts, result);
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
        new(new SimpleHTMLFormatter("<mark>", "</mark>"), new HtmlTextEncoder(), new QueryScorer(query, field))
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
    private static string? Correct(IndexSearcher searcher, List<string> tokens, List<bool> unknown, Filter visible)
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
                .Select(c => (c.Term, c.Freq, Together: CountWith(searcher, corrected, i, c.Term, visible)))
                .OrderByDescending(c => c.Together).ThenByDescending(c => c.Freq).ThenBy(c => c.Term, StringComparer.Ordinal)
                .First();
            corrected[i] = best.Term;
            changed = true;
        }
        return changed ? string.Join(' ', corrected) : null;
    }

    private static int CountWith(IndexSearcher searcher, List<string> tokens, int at, string candidate, Filter visible)
    {
        var query = new BooleanQuery();
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = i == at ? candidate : tokens[i];
            query.Add(new TermQuery(new Term(SearchFields.All, word)), Occur.MUST);
        }
        if (tokens.Count > 1)
        {
            // Adjacent words weigh most: a phrase match counts ten times.
            var phrase = new PhraseQuery();
            for (var i = 0; i < tokens.Count; i++) phrase.Add(new Term(SearchFields.All, i == at ? candidate : tokens[i]));
            var phraseCount = new TotalHitCountCollector();
            searcher.Search(phrase, visible, phraseCount);
            var allCount = new TotalHitCountCollector();
            searcher.Search(query, visible, allCount);
            return phraseCount.TotalHits * 10 + allCount.TotalHits;
        }
        var count = new TotalHitCountCollector();
        searcher.Search(query, visible, count);
        return count.TotalHits;
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
