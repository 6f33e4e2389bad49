using System.Net;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Pages;

public sealed class PaginationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = factory.CreateReader();

    [Fact]
    public async Task News_pages_split_the_list_with_numbered_stable_links()
    {
        var (_, _, first) = await Html.GetAsync(_client, "/tin-tuc");
        var (_, _, second) = await Html.GetAsync(_client, "/tin-tuc?page=2");

        var firstItems = first.QuerySelectorAll(".item-list h2 a").Select(a => a.GetAttribute("href")).ToList();
        var secondItems = second.QuerySelectorAll(".item-list h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(10, firstItems.Count);
        Assert.Equal(6, secondItems.Count);
        Assert.Empty(firstItems.Intersect(secondItems));

        var pager = first.QuerySelector("nav.pager")!;
        Assert.Equal("/tin-tuc", pager.QuerySelector("a[aria-current=page]")!.GetAttribute("href"));
        Assert.Equal("/tin-tuc?page=2", pager.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Null(pager.QuerySelector("a[rel=prev]"));
        Assert.Equal("/tin-tuc", second.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("2", second.QuerySelector("nav.pager a[aria-current=page]")!.TextContent);
    }

    [Theory]
    [InlineData("/tin-tuc?page=abc")]
    [InlineData("/tin-tuc?page=-5")]
    [InlineData("/tin-tuc?page=0")]
    [InlineData("/tin-tuc?page=99999999999")]
    [InlineData("/tin-tuc?page=1e3")]
    [InlineData("/thong-bao?page=%00")]
    [InlineData("/van-ban?page=x")]
    [InlineData("/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc?other=abc")]
    public async Task Garbage_page_numbers_get_a_Vietnamese_400(string url)
    {
        var (response, _, document) = await Html.GetAsync(_client, url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Yêu cầu không hợp lệ", document.QuerySelector("h1")?.TextContent);
    }

    [Theory]
    [InlineData("/tin-tuc?page=3")]
    [InlineData("/tin-tuc?page=100000")]
    [InlineData("/thong-bao?page=2")]
    [InlineData("/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc?other=99")]
    public async Task Pages_past_the_end_are_404(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Very_long_and_odd_query_strings_never_cause_a_server_error()
    {
        var longValue = new string('ệ', 20_000);
        foreach (var url in new[]
                 {
                     $"/tin-tuc?page={longValue}",
                     $"/van-ban?q={longValue}&loai={longValue}&nam={longValue}&co-quan={longValue}",
                     "/van-ban?q=%27%22%3C%3E%3Bdrop%20table&nam=-1&loai=%00",
                     "/van-ban?nam=2022&nam=2023&q=a&q=b",
                     $"/tin-tuc/{new string('a', 2000)}",
                     "/tin-tuc?page=1&page=2",
                 })
        {
            var response = await _client.GetAsync(url);
            Assert.True((int)response.StatusCode is 200 or 400 or 404, $"{(int)response.StatusCode} for {url[..Math.Min(80, url.Length)]}");
        }
    }

    [Fact]
    public async Task Other_news_on_an_article_is_paginated_too()
    {
        const string article = "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc";
        var (_, _, first) = await Html.GetAsync(_client, article);
        var (_, _, second) = await Html.GetAsync(_client, article + "?other=2");

        var firstOthers = first.QuerySelectorAll("#tin-khac .item-list a").Select(a => a.GetAttribute("href")).ToList();
        var secondOthers = second.QuerySelectorAll("#tin-khac .item-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(5, secondOthers.Count);
        Assert.Empty(firstOthers.Intersect(secondOthers));
        Assert.Equal(article + "?other=2#tin-khac", first.QuerySelector("#tin-khac nav.pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(first.QuerySelector("h1")!.TextContent, second.QuerySelector("h1")!.TextContent);
    }
}
