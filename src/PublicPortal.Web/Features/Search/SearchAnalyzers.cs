using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// Two views of the same text: folded (lower case, marks removed, đ → d) so "lang nghe" finds "làng nghề",
/// and exact (lower case only) so a query typed with diacritics ranks "đường" above "dương". Text is NFC before it gets here.
/// </summary>
public sealed class SearchAnalyzer(bool fold) : Analyzer
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        if (fold) stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>Folded for every field except those ending in "_exact".</summary>
    public static Analyzer PerField() => new PerFieldAnalyzerWrapper(new SearchAnalyzer(fold: true), new Dictionary<string, Analyzer>
    {
        [SearchFields.TitleExact] = new SearchAnalyzer(fold: false),
        [SearchFields.AllExact] = new SearchAnalyzer(fold: false),
    });

    public static IReadOnlyList<string> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) tokens.Add(term.ToString());
        stream.End();
        return tokens;
    }
}

public static class SearchFields
{
    public const string Id = "id";
    public const string Kind = "kind";
    public const string Slug = "slug";
    public const string Url = "url";
    public const string Title = "title";
    public const string TitleExact = "title_exact";
    public const string Summary = "summary";

    /// <summary>Title, summary, names around the item and body in one folded field: one posting list per word to score, not four.</summary>
    public const string All = "all";
    public const string AllExact = "all_exact";
    public const string Number = "number";
    public const string District = "district";
    public const string DistrictKey = "district_key";
    public const string Published = "published";
    public const string KindNumber = "kind_number";
    public const string Text = "text";
}
