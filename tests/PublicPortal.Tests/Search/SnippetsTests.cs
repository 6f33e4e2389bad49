using PublicPortal.Tests.Support;
using PublicPortal.Web.Features.Search;

namespace PublicPortal.Tests.Search;

/// <summary>
/// Snippets mark words with a plain letter-and-digit tokenizer when every query word is plain, and with the index's
/// analyser otherwise: on every text of the seed content, for words taken from that text, with and without diacritics
/// and in capitals, both give the same snippet and the same marked title.
/// </summary>
public sealed class SnippetsTests
{
    /// <summary>The same words in a set that is not a HashSet, which sends Build down the analyser's path.</summary>
    private static SortedSet<string> AnalyserPath(HashSet<string> words) => new SortedSet<string>(words, StringComparer.Ordinal);

    [Fact]
    public void The_plain_tokenizer_marks_what_the_analyser_marks_on_every_seed_text()
    {
        using var analyzer = SearchAnalyzer.PerField();
        var texts = Directory.EnumerateFiles(RepositoryPaths.Content, "*.md", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        Assert.True(texts.Count > 50, $"{texts.Count} seed files");
        var compared = 0;
        foreach (var text in texts)
        {
            var tokens = SearchAnalyzer.Tokens(analyzer, SearchFields.All, text).Where(t => t.All(char.IsAsciiLetterOrDigit)).Distinct().ToList();
            // A few words from the text itself: the first, one from the middle, the last, and two together.
            foreach (var words in new[] { tokens.Take(1), tokens.Skip(tokens.Count / 2).Take(1), tokens.TakeLast(1), tokens.Skip(tokens.Count / 3).Take(2), ["gom", "lang", "nghe"] })
            {
                var set = words.ToHashSet(StringComparer.Ordinal);
                if (set.Count == 0) continue;
                Assert.Equal(Snippets.Build(analyzer, SearchFields.All, text, AnalyserPath(set), 2, 160), Snippets.Build(analyzer, SearchFields.All, text, set, 2, 160));
                Assert.Equal(Snippets.Build(analyzer, SearchFields.Title, text[..Math.Min(120, text.Length)], AnalyserPath(set), 1, 0),
                    Snippets.Build(analyzer, SearchFields.Title, text[..Math.Min(120, text.Length)], set, 1, 0));
                compared++;
            }
        }
        Assert.True(compared > 250, $"{compared} comparisons");
        // Capitals, diacritics and đ in the text are folded alike.
        var marked = Snippets.Build(analyzer, SearchFields.All, "ĐƯỜNG vào LÀNG GỐM Bình Đức.", new HashSet<string>(["duong", "gom", "duc"], StringComparer.Ordinal), 1, 0);
        Assert.Equal("<mark>ĐƯỜNG</mark> vào LÀNG <mark>GỐM</mark> Bình <mark>Đức</mark>.", marked);
    }
}
