using Microsoft.Extensions.Logging.Abstractions;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Search;

namespace PublicPortal.Tests.Search;

/// <summary>Phrase rescoring, typos in a big index, and snippets, on a real index in a temporary folder.</summary>
public sealed class SearchRankingTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 28, 3, 0, 0, DateTimeKind.Utc);
    private readonly string _folder = RepositoryPaths.NewTempDirectory("portal-rank");

    public void Dispose() => RepositoryPaths.DeleteQuietly(_folder);

    private static SearchDocument News(string slug, string title, string body, int daysAgo = 10) =>
        new(ContentKind.News, slug, $"/tin-tuc/{slug}", title, null, body, "", null, null, Now.AddDays(-daysAgo));

    [Fact]
    public void The_words_together_rank_above_the_words_apart()
    {
        using var index = new SearchIndex(_folder, NullLogger<SearchIndex>.Instance);
        index.Rebuild([
            // Same dates and lengths: only where the words stand differs.
            News("xa-nhau", "Tin văn hóa trong tuần", "Người Chăm ở Bắc Bình giữ nghề dệt, còn làng bên làm gốm từ lâu đời."),
            News("canh-nhau", "Tin văn hóa trong tuần", "Ở Bắc Bình người ta giữ nghề dệt, còn làng bên làm gốm Chăm từ lâu đời."),
            News("tieu-de-gan", "Gốm của người Chăm", "Bài viết về một nghề thủ công truyền thống ở Bắc Bình còn được giữ."),
            News("tieu-de-dung", "Gốm Chăm ở Bắc Bình", "Bài viết về một nghề thủ công truyền thống ở Bắc Bình còn được giữ."),
        ]);

        var urls = index.Search(new SearchRequest("gom cham"), Now).Hits.Select(h => h.Url).ToList();

        // The exact phrase in the title, then the words nearly together in the title, then the phrase in the text, then apart.
        Assert.Equal(["/tin-tuc/tieu-de-dung", "/tin-tuc/tieu-de-gan", "/tin-tuc/canh-nhau", "/tin-tuc/xa-nhau"], urls);
    }

    [Fact]
    public void A_typo_of_a_common_word_in_a_big_index_is_sampled_and_corrected()
    {
        using var index = new SearchIndex(_folder, NullLogger<SearchIndex>.Instance, sampleAbove: 100, sampleSize: 100);
        index.Rebuild(Enumerable.Range(0, 600).Select(i => News($"tin-{i}", $"Tin số {i}", $"Làng gốm số {i} đón khách.", i)));

        var results = index.Search(new SearchRequest("gomm"), Now);

        Assert.Equal("gomm", results.CorrectedFrom); // the hits are those of the correction, not near matches
        Assert.False(results.Fuzzy);
        Assert.True(results.Approximate); // "gốm" is in every item: the corrected query is counted from a sample
        Assert.InRange(results.Total, 450, 750);
        Assert.Equal("gom", results.DidYouMean);
        Assert.Contains("<mark>gốm</mark>", results.Hits[0].SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snippet_is_cut_around_the_matches_far_into_a_long_text()
    {
        using var index = new SearchIndex(_folder, NullLogger<SearchIndex>.Instance);
        var filler = string.Concat(Enumerable.Repeat("Một câu mở đầu dài không nói gì đặc biệt cả. ", 40));
        var body = filler + "Ở giữa có <b>nước mắm</b> & muối. " + filler + "Cuối bài lại nhắc đến nước mắm Phan Thiết.";
        index.Rebuild([News("dai", "Một bài dài", body)]);

        var snippet = index.Search(new SearchRequest("nuoc mam"), Now).Hits.Single().SnippetHtml;

        // Two passages, each around a match, in text order; the text's own markup encoded, the accents kept.
        Assert.Contains("&lt;b&gt;<mark>nước</mark> <mark>mắm</mark>&lt;/b&gt; &amp; muối", snippet, StringComparison.Ordinal);
        Assert.Contains(" … ", snippet, StringComparison.Ordinal);
        Assert.EndsWith("<mark>nước</mark> <mark>mắm</mark> Phan Thiết.", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Length < 600, $"snippet of {snippet.Length} characters");
    }
}
