using Lucene.Net.Analysis;
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
        // Folding first leaves mostly ASCII for the lower-casing, whose ASCII path is a table lookup (same tokens either way).
        TokenStream stream = fold ? new ASCIIFoldingFilter(tokenizer) : tokenizer;
        return new TokenStreamComponents(tokenizer, new LowerCaseFastFilter(stream));
    }

    /// <summary>
    /// Lower-cases like LowerCaseFilter, but ASCII letters without a culture call: Lucene.Net's filter asks ICU for every
    /// character, which measured as a fifth of a search's time (snippets analyse each hit's text).
    /// </summary>
    private sealed class LowerCaseFastFilter(TokenStream input) : TokenFilter(input)
    {
        private readonly Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute _term = input.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken()) return false;
            var buffer = _term.Buffer;
            for (var i = 0; i < _term.Length; i++)
            {
                var c = buffer[i];
                if (c < 128) { if (c is >= 'A' and <= 'Z') buffer[i] = (char)(c + 32); }
                else if (!char.IsSurrogate(c)) buffer[i] = char.ToLowerInvariant(c);
            }
            return true;
        }
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
