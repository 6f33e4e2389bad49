using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Pages;

public sealed class DocumentSearchTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = factory.CreateReader();

    private async Task<List<string>> NumbersAsync(string url)
    {
        var (_, _, document) = await Html.GetAsync(_client, url);
        return document.QuerySelectorAll("table.documents tbody tr td:first-child a").Select(a => a.TextContent).ToList();
    }

    [Fact]
    public async Task Lists_every_document_newest_first() =>
        Assert.Equal(["148/QĐ-TTg", "3799/KH-UBND", "3073/KH-UBND", "801/QĐ-TTg", "52/2018/NĐ-CP"], await NumbersAsync("/van-ban"));

    [Fact]
    public async Task The_list_names_each_type_once()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/van-ban");
        var abstracts = document.QuerySelectorAll("table.documents tbody tr td:nth-child(3)").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("Nghị định về phát triển ngành nghề nông thôn", abstracts);
        Assert.Contains(abstracts, a => a.StartsWith("Kế hoạch thực hiện Chương trình bảo tồn", StringComparison.Ordinal));
        Assert.Contains(abstracts, a => a.StartsWith("Quyết định Phê duyệt Chương trình bảo tồn", StringComparison.Ordinal)); // a type the title lacks is still said
        Assert.DoesNotContain(abstracts, a => a.StartsWith("Kế hoạch Kế hoạch", StringComparison.Ordinal) || a.StartsWith("Nghị định Nghị định", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/van-ban?q=3073", "3073/KH-UBND")]
    [InlineData("/van-ban?q=3073%2FKH-UBND", "3073/KH-UBND")]
    [InlineData("/van-ban?q=nganh+nghe+nong+thon", "52/2018/NĐ-CP")]
    [InlineData("/van-ban?q=ng%C3%A0nh+ngh%E1%BB%81+n%C3%B4ng+th%C3%B4n", "52/2018/NĐ-CP")]
    [InlineData("/van-ban?q=OCOP&loai=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh", "148/QĐ-TTg")]
    [InlineData("/van-ban?nam=2018", "52/2018/NĐ-CP")]
    [InlineData("/van-ban?co-quan=Ch%C3%ADnh+ph%E1%BB%A7", "52/2018/NĐ-CP")]
    public async Task Search_by_number_or_summary_words_and_filters(string url, string expected) =>
        Assert.Equal([expected], await NumbersAsync(url));

    [Fact]
    public async Task A_search_by_number_ranks_that_document_first_then_those_citing_it() =>
        Assert.Equal(["801/QĐ-TTg", "3073/KH-UBND"], await NumbersAsync("/van-ban?q=801%2Fqd-ttg"));

    [Fact]
    public async Task Filters_combine_and_show_the_count()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/van-ban?loai=K%E1%BA%BF+ho%E1%BA%A1ch&nam=2022&co-quan=UBND+t%E1%BB%89nh+B%C3%ACnh+Thu%E1%BA%ADn");
        Assert.Equal(["3799/KH-UBND", "3073/KH-UBND"], document.QuerySelectorAll("table.documents tbody td:first-child a").Select(a => a.TextContent));
        Assert.Contains("Tìm thấy 2 văn bản", document.QuerySelector(".result-count")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("selected", document.QuerySelector("#loai option[selected]")?.GetAttribute("selected"));
        Assert.Equal("2022", document.QuerySelector("#nam option[selected]")?.GetAttribute("value"));
        Assert.NotNull(document.QuerySelector("a[href='/van-ban']"));
    }

    [Fact]
    public async Task No_match_gives_a_helpful_empty_state()
    {
        var (_, _, document) = await Html.GetAsync(_client, "/van-ban?q=khongcovanbannay");
        Assert.Null(document.QuerySelector("table.documents"));
        Assert.Contains("Không có văn bản nào khớp", document.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("khongcovanbannay", document.QuerySelector("input#q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_invalid_year_is_ignored_rather_than_failing() =>
        Assert.Equal(5, (await NumbersAsync("/van-ban?nam=abc")).Count);
}
