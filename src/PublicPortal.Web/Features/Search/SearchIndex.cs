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

/// <summary>
/// The portal's one Lucene index: one IndexWriter and one SearcherManager for the life of the app, on NIOFSDirectory
/// (MMapDirectory crashes on Linux in this version). Queries are built from analysed tokens, never parsed, so no user
/// input is Lucene syntax. A missing, locked or unreadable index is wiped and reported as needing a rebuild.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const int MaxQueryLength = SearchQueryParser.MaxQueryLength;

    private readonly Analyzer _analyzer = SearchAnalyzer.PerField();
    private readonly FSDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly SearchQueryPipeline _queries;
    private readonly ILogger<SearchIndex> _logger;

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
        _queries = new SearchQueryPipeline(_searchers, sampleAbove, sampleSize);
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

    public void Delete(ContentKind kind, string slug) => _writer.DeleteDocuments(new Term(SearchFields.Id, SearchDocument.IdOf(kind, slug)));

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

    public SearchResults Search(SearchRequest request, DateTime nowUtc) => _queries.Search(request, nowUtc);

    /// <summary>The editors' synonyms every search uses from now on (<see cref="SearchTerms"/> sets them).</summary>
    public SynonymSet Synonyms
    {
        get => _queries.Synonyms;
        set => _queries.Synonyms = value ?? SynonymSet.Empty;
    }

    /// <summary>The items with these index ids that are visible now, in the order given, as results (pinned results).</summary>
    public IReadOnlyList<SearchHit> Find(IEnumerable<string> ids, DateTime nowUtc) => _queries.Find(ids, nowUtc);

    /// <summary>
    /// Title suggestions for a prefix, folded: "lang ng" finds "Làng nghề …". When nothing starts so, each word of four
    /// letters or more may hold one typo, as on the results page ("thanh lonh" finds "Nước ép thanh long …").
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(string prefix, DateTime nowUtc, int take = 8) => _queries.Suggest(prefix, nowUtc, take);

    public static string Normalize(string? query) => SearchQueryParser.Normalize(query);

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
        _queries.Dispose();
    }
}
