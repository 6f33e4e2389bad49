using PublicPortal.Web.Features.Search;

namespace PublicPortal.Tests.Search;

/// <summary>How an editor's synonyms turn a reader's words into the other wordings searched, and what is not kept of a query.</summary>
public sealed class SynonymSetTests
{
    private static List<string> Words(string text)
    {
        using var analyzer = new SearchAnalyzer(fold: true);
        return SearchAnalyzer.Tokens(analyzer, SearchFields.All, text).ToList();
    }

    private static List<string> Exact(string text)
    {
        using var analyzer = new SearchAnalyzer(fold: false);
        return SearchAnalyzer.Tokens(analyzer, SearchFields.AllExact, text).ToList();
    }

    [Fact]
    public void A_phrase_of_a_group_is_replaced_by_each_other_phrase_wherever_it_stands()
    {
        var set = new SynonymSet([["sáp nhập", "hợp nhất", "nhập"], ["gốm", "đồ gốm"]]);
        var variants = set.Variants(Words("Sáp Nhập tỉnh Lâm Đồng"), Exact("Sáp Nhập tỉnh Lâm Đồng"));
        Assert.Equal(["hop nhat tinh lam dong", "nhap tinh lam dong"], variants.Select(v => string.Join(' ', v.Folded)));
        // The exact words keep the editor's diacritics for the replaced phrase and the reader's for the rest.
        Assert.Equal(["hợp", "nhất", "tỉnh", "lâm", "đồng"], variants[0].Exact);
        Assert.Equal(["do gom lang"], set.Variants(Words("gốm làng"), Exact("gốm làng")).Select(v => string.Join(' ', v.Folded)));
        Assert.Empty(set.Variants(Words("bánh tráng"), Exact("bánh tráng")));
    }

    [Fact]
    public void Groups_without_two_searchable_phrases_are_ignored_and_variants_are_bounded()
    {
        Assert.Equal(0, new SynonymSet([["gốm", "GỐM", "gom"], ["!!!", "gốm"]]).Count);
        var many = new SynonymSet([Enumerable.Range(0, 20).Select(i => "từ" + i).Prepend("gốm")]);
        Assert.Equal(SynonymSet.MaxVariants, many.Variants(Words("gốm"), Exact("gốm")).Count);
    }

    [Theory]
    [InlineData("sáp nhập = hợp nhất", "sáp nhập = hợp nhất")]
    [InlineData("  sáp   nhập ,hợp nhất; Sap Nhap ", "sáp nhập = hợp nhất")]
    [InlineData("gốm\nđồ gốm", "gốm = đồ gốm")]
    public void An_editors_group_is_tidied_before_it_is_stored(string input, string stored) =>
        Assert.Equal(stored, SynonymPhrases.Parse(input).Terms);

    [Theory]
    [InlineData("")]
    [InlineData("gốm")]
    [InlineData("gốm = GỐM")]
    [InlineData("gốm = !!!")]
    [InlineData("a = b = c = d = e = f = g = h = i")]
    public void A_group_that_cannot_work_is_refused_with_a_message(string input)
    {
        var (terms, error) = SynonymPhrases.Parse(input);
        Assert.Null(terms);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("gốm bàu trúc", true)]
    [InlineData("3073/KH-UBND", true)]
    [InlineData("quyết định 801/QĐ-TTg ngày 07/07/2022", true)]
    [InlineData("0903123456", false)]
    [InlineData("0903 123 456", false)]
    [InlineData("090-312-3456", false)]
    [InlineData("cccd 079201001234", false)]
    [InlineData("hỏi mua gốm nguyen@example.vn", false)]
    [InlineData("", false)]
    public void A_query_that_could_say_who_typed_it_is_not_kept(string query, bool kept) =>
        Assert.Equal(kept, SearchLog.IsKept(query));
}
