using System.Net;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Search;

/// <summary>
/// A tourist searches the English site as they would type: English words in any form ("potteries"), Vietnamese names
/// without their marks ("binh duc"), odd input; results are the English pages, untranslated ones marked as such.
/// </summary>
public sealed class EnglishSearchTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(IReadOnlyList<(string Href, string Title, bool Vietnamese)> Hits, AngleSharp.Html.Dom.IHtmlDocument Page)> SearchAsync(string words)
    {
        var (response, body, page) = await Html.GetAsync(factory.CreateReader(), "/en/search?q=" + Uri.EscapeDataString(words));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.DoesNotContain("&#x", body, StringComparison.Ordinal);
        var hits = page.QuerySelectorAll("ol.result-list h3 a")
            .Select(a => (a.GetAttribute("href")!, a.TextContent, a.GetAttribute("lang") == "vi")).ToList();
        return (hits, page);
    }

    [Theory]
    [InlineData("binh duc pottery", "/en/villages/gom-binh-duc")]
    [InlineData("potteries", "/en/villages/gom-binh-duc")]
    [InlineData("lang gom binh duc", "/en/villages/gom-binh-duc")]
    [InlineData("rice paper", "/en/villages/banh-trang-phu-long")]
    [InlineData("fish sauce", "/en/villages/nuoc-mam-phan-thiet")]
    [InlineData("fish sauce phan thiet", "/en/villages/nuoc-mam-phan-thiet")]
    [InlineData("cham tower", "/en/sights/thap-po-sah-inu")]
    [InlineData("white sand dunes", "/en/sights/bau-trang")]
    [InlineData("Bàu Trắng", "/en/sights/bau-trang")]
    public async Task Words_as_a_tourist_types_them_find_the_English_page(string words, string expected)
    {
        var (hits, page) = await SearchAsync(words);
        Assert.Contains(expected, hits.Take(3).Select(h => h.Href));
        var hit = hits.First(h => h.Href == expected);
        Assert.False(hit.Vietnamese, $"{expected} has an English version and is listed by its English title");
        Assert.Null(page.QuerySelector(".search-results .notice")); // every word matched
        Assert.Matches(@"^\d+ results? for “", page.QuerySelector("h2.result-count")!.TextContent);
    }

    [Fact]
    public async Task Rice_paper_finds_both_rice_paper_villages_before_anything_else()
    {
        var (hits, _) = await SearchAsync("rice paper");
        Assert.Equal(["/en/villages/banh-trang-cho-lau", "/en/villages/banh-trang-phu-long"], hits.Take(2).Select(h => h.Href).Order());
    }

    [Fact]
    public async Task The_plan_is_found_in_English_and_by_its_number()
    {
        var (hits, _) = await SearchAsync("plan 3073 targets");
        Assert.Equal("/en/programme/ke-hoach-3073", hits[0].Href);
        var (byNumber, _) = await SearchAsync("3073");
        Assert.Equal("/en/programme/ke-hoach-3073", byNumber[0].Href);
    }

    [Fact]
    public async Task A_page_whose_English_an_editor_removed_is_found_by_its_Vietnamese_name_marked_as_Vietnamese()
    {
        var id = 0;
        await factory.WithDbAsync(async db => id = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.ContentItems.Where(x => x.Kind == PublicPortal.Web.Data.ContentKind.Village && x.Slug == "det-tho-cam-la-da").Select(x => x.Id)));
        var (before, _) = await SearchAsync("brocade weaving la da");
        Assert.False(before.Single(h => h.Href == "/en/villages/det-tho-cam-la-da").Vietnamese);

        Assert.IsType<PublicPortal.Web.Features.Content.SaveOutcome.Saved>(await factory.EditAsync(id, item =>
        {
            (item.TitleEn, item.SummaryEn, item.BodyEn) = (null, null, null);
            return item;
        }));
        var (english, _) = await SearchAsync("brocade weaving la da");
        Assert.All(english.Where(h => h.Href == "/en/villages/det-tho-cam-la-da"), h => Assert.True(h.Vietnamese)); // its English words are gone
        var (hits, _) = await SearchAsync("det tho cam la da");
        var village = Assert.Single(hits, h => h.Href == "/en/villages/det-tho-cam-la-da");
        Assert.True(village.Vietnamese);
        Assert.StartsWith("Dệt thổ cẩm La Dạ", village.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_with_only_some_of_the_words_are_offered_and_said_to_be_so()
    {
        var (hits, page) = await SearchAsync("pottery qwzxv");
        Assert.Contains("/en/villages/gom-binh-duc", hits.Select(h => h.Href));
        Assert.Equal("No page has every word you typed; these pages have some of them.", page.QuerySelector(".search-results .notice")!.TextContent);
    }

    [Theory]
    [InlineData("qwzxv")]
    [InlineData("the of and")]
    [InlineData("pottery AND (title:* OR \"")]
    [InlineData("***")]
    public async Task Odd_input_is_answered_not_failed(string words)
    {
        var (hits, page) = await SearchAsync(words);
        if (hits.Count == 0)
        {
            Assert.StartsWith("No results for", page.QuerySelector("h2.result-count")!.TextContent, StringComparison.Ordinal);
            // The way on: the same words on the Vietnamese site, where the news and documents are.
            Assert.StartsWith("/tim-kiem?q=", page.QuerySelector(".search-results a[hreflang=vi]")!.GetAttribute("href"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_English_header_searches_the_English_site_and_the_switch_leads_to_the_Vietnamese_search()
    {
        var (_, _, home) = await Html.GetAsync(factory.CreateReader(), "/en");
        var form = home.QuerySelector("form.site-search")!;
        Assert.Equal("/en/search", form.GetAttribute("action"));
        Assert.False(form.QuerySelector("input[name=q]")!.HasAttribute("data-suggest")); // suggestions are the Vietnamese index's
        var (_, _, vietnamese) = await Html.GetAsync(factory.CreateReader(), "/");
        Assert.Equal("/tim-kiem", vietnamese.QuerySelector("form.site-search")!.GetAttribute("action"));
        var (_, _, vietnameseSearch) = await Html.GetAsync(factory.CreateReader(), "/tim-kiem");
        Assert.Equal("/en/search", vietnameseSearch.QuerySelector("a.language-switch")!.GetAttribute("href"));
        var (_, page) = await SearchAsync("pottery");
        Assert.Equal("/tim-kiem", page.QuerySelector("a.language-switch")!.GetAttribute("href"));
    }
}
