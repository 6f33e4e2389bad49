using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// English text for the English site's search: possessives dropped, marks folded (the Vietnamese names in English text,
/// "Bình Đức", are found as "binh duc"), lower case, English stop words out, Porter stems ("potteries" and "pottery"
/// are one word, so are "dunes" and "dune").
/// </summary>
public sealed class EnglishSearchAnalyzer : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(SearchAnalyzer.Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(SearchAnalyzer.Version, tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        stream = new LowerCaseFilter(SearchAnalyzer.Version, stream);
        stream = new StopFilter(SearchAnalyzer.Version, stream, EnglishAnalyzer.DefaultStopSet);
        return new TokenStreamComponents(tokenizer, new PorterStemFilter(stream));
    }
}
