using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Markdown;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// Search for the English site: every page it has (sections' items and its own pages), English text under an English
/// analyzer, and each item's Vietnamese name folded, so "binh duc pottery", "potteries" and "lang gom binh duc" all find
/// the Bình Đức village. A small index in memory, built from the database once per change (the English site is a few
/// hundred pages at most) in its own scope, once per change however many readers ask at once, so each node builds its
/// own from what its feed applied. Only the latest index is held. Results are not memoised: the output cache keeps each
/// query's page, and searching so small an index costs less than remembering every query asked.
/// Queries are built from analysed words, never parsed: no input is Lucene syntax.
/// </summary>
public sealed class EnglishSearch(PublishedItems published, MarkdownRenderer markdown, IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int MaxHits = 50;

    private const string UrlField = "url", TitleField = "title", SummaryField = "summary", SectionField = "section", TranslatedField = "translated";
    private const string EnglishTitle = "title_en", EnglishText = "text_en", Name = "name";

    private static readonly Analyzer Folded = new SearchAnalyzer(fold: true);
    private static readonly Analyzer English = new EnglishSearchAnalyzer();
    private static readonly Analyzer Fields = new PerFieldAnalyzerWrapper(English, new Dictionary<string, Analyzer> { [Name] = Folded });

    /// <summary>Kinds found by their Vietnamese name even before they have an English version.</summary>
    private static readonly ContentKind[] NamedKinds = [ContentKind.Village, ContentKind.Sight, ContentKind.Route, ContentKind.Plan, ContentKind.Page];

    private readonly System.Threading.Lock _lock = new();
    private (long Generation, Task<IndexSearcher> Searcher)? _current;

    public async Task<EnglishSearchResults> SearchAsync(string query, CancellationToken cancellationToken)
    {
        query = SearchIndex.Normalize(query);
        if (query.Length == 0) return EnglishSearchResults.Empty;
        var searcher = await SearcherAsync().WaitAsync(cancellationToken);
        return Search(searcher, query);
    }

    /// <summary>The index of the generation applied now: the one being built, or a new build (also after a failed one).</summary>
    private Task<IndexSearcher> SearcherAsync()
    {
        // Read before the build starts: a change applied while it reads leaves it under a generation no later request asks for.
        var generation = published.Generation;
        lock (_lock)
        {
            // A reader that read the generation just before another started a newer build takes that one.
            if (_current is { } current && current.Generation >= generation && !current.Searcher.IsFaulted && !current.Searcher.IsCanceled)
                return current.Searcher;
            var build = BuildAsync();
            _current = (generation, build);
            return build;
        }
    }

    /// <summary>In a scope of its own and without the asking request's cancellation: other readers wait on the same build.</summary>
    private async Task<IndexSearcher> BuildAsync()
    {
        await Task.Yield(); // never under the lock
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var cancellationToken = CancellationToken.None;
        var kinds = EnglishSite.Sections.Select(s => s.Kind).ToList();
        var pages = EnglishSite.Pages.Values.ToList();
        // Untranslated items are found by their Vietnamese name only where a tourist would look for them by name; a
        // national catalogue's thousands of untranslated products and news would make each change's rebuild slow.
        var byName = NamedKinds;
        var rows = await db.ContentItems.AsNoTracking()
            .Where(x => x.Status == ContentStatus.Published && x.PublishedAtUtc <= nowUtc
                && (kinds.Contains(x.Kind) || (x.Kind == ContentKind.Page && pages.Contains(x.Slug)))
                && (x.TitleEn != null || byName.Contains(x.Kind)))
            .Select(x => new { x.Kind, x.Slug, x.Title, x.TitleEn, x.SummaryEn, x.BodyEn })
            .ToListAsync(cancellationToken);
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzer.Version, Fields)))
        {
            foreach (var row in rows)
            {
                if (EnglishSite.Item(row.Kind, row.Slug) is not { } url) continue;
                var translated = row.TitleEn is not null;
                var document = new Document
                {
                    new StoredField(UrlField, url),
                    new StoredField(TitleField, row.TitleEn ?? row.Title),
                    new StoredField(SectionField, EnglishSite.SectionOf(row.Kind)?.TitleKey ?? "English.PortalPage"),
                    new StoredField(TranslatedField, translated ? 1 : 0),
                    new TextField(Name, row.Title, Field.Store.NO),
                };
                if (translated)
                {
                    document.Add(new StoredField(SummaryField, row.SummaryEn ?? ""));
                    document.Add(new TextField(EnglishTitle, row.TitleEn, Field.Store.NO));
                    document.Add(new TextField(EnglishText, $"{row.SummaryEn}\n{markdown.ToPlainText(row.BodyEn)}", Field.Store.NO));
                }
                writer.AddDocument(document);
            }
        }
        return new IndexSearcher(DirectoryReader.Open(directory));
    }

    private static EnglishSearchResults Search(IndexSearcher searcher, string query)
    {
        // One clause per word the reader typed: its English stem in the English title and text, or the word folded in the
        // Vietnamese name. Stop words ("the", "of") count only when nothing else was typed.
        var words = SearchAnalyzer.Tokens(Folded, Name, query).Distinct().ToList();
        var clauses = words.Select(word => (Word: word, Stem: SearchAnalyzer.Tokens(English, EnglishText, word) is [var first, ..] ? first : null)).ToList();
        if (clauses.Any(c => c.Stem is not null)) clauses.RemoveAll(c => c.Stem is null);
        if (clauses.Count == 0) return EnglishSearchResults.Empty;

        BooleanQuery Build(Occur occur)
        {
            var all = new BooleanQuery();
            foreach (var (word, stem) in clauses)
            {
                var either = new BooleanQuery { { new TermQuery(new Term(Name, word)) { Boost = 3 }, Occur.SHOULD } };
                if (stem is not null)
                {
                    either.Add(new TermQuery(new Term(EnglishTitle, stem)) { Boost = 4 }, Occur.SHOULD);
                    either.Add(new TermQuery(new Term(EnglishText, stem)), Occur.SHOULD);
                }
                all.Add(either, occur);
            }
            return all;
        }

        var partial = false;
        var found = searcher.Search(Build(Occur.MUST), MaxHits);
        if (found.TotalHits == 0 && clauses.Count > 1)
        {
            found = searcher.Search(Build(Occur.SHOULD), MaxHits);
            partial = found.TotalHits > 0;
        }
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var hits = found.ScoreDocs.Select(hit => searcher.Doc(hit.Doc)).Select(doc => new EnglishSearchHit(
            doc.Get(UrlField, invariant), doc.Get(TitleField, invariant), doc.Get(SummaryField, invariant) is { Length: > 0 } summary ? summary : null,
            doc.Get(SectionField, invariant), doc.GetField(TranslatedField).GetInt32Value() == 1)).ToList();
        return new EnglishSearchResults(hits, found.TotalHits, partial);
    }
}
