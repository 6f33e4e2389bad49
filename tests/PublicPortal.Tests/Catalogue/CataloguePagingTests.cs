using System.Net;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Catalogue;

/// <summary>
/// The village and product lists come in pages (a national catalogue holds thousands, and one page of all of them
/// took seconds to render): the count says how many match, the pager keeps the filters and nothing else, every
/// match is on exactly one page, and a page past the end is 404, a malformed one 400. Here three to a page.
/// </summary>
public sealed class CataloguePagingTests(CataloguePagingTests.Site site) : IClassFixture<CataloguePagingTests.Site>
{
    public sealed class Site : IAsyncLifetime
    {
        public PortalFactory Factory { get; } = new() { Settings = { ["Portal:CataloguePageSize"] = "3" } };
        public HttpClient Reader { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Reader = Factory.CreateReader();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    [Theory]
    [InlineData("/lang-nghe", "/lang-nghe/")]
    [InlineData("/lang-nghe?sap-xep=huyen", "/lang-nghe/")]
    [InlineData("/san-pham", "/san-pham/")]
    [InlineData("/san-pham?sao=3", "/san-pham/")]
    [InlineData("/diem-den", "/diem-den/")]
    public async Task Every_match_is_on_exactly_one_page_and_the_pager_keeps_the_filters(string list, string itemPrefix)
    {
        var first = Html.Parse(await site.Reader.GetStringAsync(list + (list.Contains('?') ? "&" : "?") + "utm_source=zalo"));
        var heading = first.QuerySelector("#ket-qua")!.TextContent;
        var matching = int.Parse(heading.Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(matching > 3, $"{list}: the seed should hold more than one page ({heading})");
        var pages = (matching + 2) / 3;
        Assert.Contains($"trang 1/{pages}", heading, StringComparison.Ordinal);

        var seen = new List<string>();
        for (var page = 1; page <= pages; page++)
        {
            var url = page == 1 ? list : list + (list.Contains('?') ? "&" : "?") + "page=" + page;
            var document = Html.Parse(await site.Reader.GetStringAsync(url));
            var cards = document.QuerySelectorAll("ul.cards > li h3 a").Select(a => a.GetAttribute("href")!).ToList();
            Assert.InRange(cards.Count, 1, 3);
            Assert.All(cards, href => Assert.StartsWith(itemPrefix, href, StringComparison.Ordinal));
            seen.AddRange(cards);

            var pager = document.QuerySelector("nav.pager");
            Assert.NotNull(pager);
            foreach (var link in pager!.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!))
            {
                Assert.DoesNotContain("utm_", link, StringComparison.Ordinal);
                if (list.Contains('?')) Assert.Contains(list[(list.IndexOf('?') + 1)..], link, StringComparison.Ordinal);
                Assert.EndsWith("#ket-qua", link, StringComparison.Ordinal);
            }
            Assert.Equal(page.ToString(System.Globalization.CultureInfo.InvariantCulture), pager.QuerySelector("[aria-current=page]")!.TextContent.Trim());
        }
        Assert.Equal(matching, seen.Count);
        Assert.Equal(matching, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("/lang-nghe?page=999", HttpStatusCode.NotFound)]
    [InlineData("/san-pham?page=999", HttpStatusCode.NotFound)]
    [InlineData("/lang-nghe?page=0", HttpStatusCode.BadRequest)]
    [InlineData("/san-pham?page=hai", HttpStatusCode.BadRequest)]
    [InlineData("/diem-den?page=999", HttpStatusCode.NotFound)]
    [InlineData("/tuyen-du-lich?page=999", HttpStatusCode.NotFound)]
    [InlineData("/tuyen-du-lich?page=-1", HttpStatusCode.BadRequest)]
    public async Task A_page_past_the_end_is_not_found_and_a_malformed_one_is_refused(string url, HttpStatusCode status)
    {
        using var response = await site.Reader.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains("lang=\"vi\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/lang-nghe")]
    [InlineData("/lang-nghe?sap-xep=huyen&du-lich=1")]
    [InlineData("/san-pham")]
    [InlineData("/san-pham?sao=4")]
    public async Task Every_filter_option_says_how_many_results_choosing_it_gives(string list)
    {
        var document = Html.Parse(await site.Reader.GetStringAsync(list));
        var options = document.QuerySelectorAll("form select").SelectMany(select => select.QuerySelectorAll("option")
            .Where(o => o.GetAttribute("value") is { Length: > 0 } && o.TextContent.TrimEnd().EndsWith(')'))
            .Select(o => (Name: select.GetAttribute("name")!, Value: o.GetAttribute("value")!, Label: o.TextContent.Trim()))).ToList();
        Assert.True(options.Count > 5, list);
        foreach (var (name, value, label) in options) // the sort order has no count
        {
            var shown = int.Parse(label[(label.LastIndexOf('(') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            var query = (list.Contains('?') ? list[(list.IndexOf('?') + 1)..].Split('&') : [])
                .Where(kv => !kv.StartsWith(name + "=", StringComparison.Ordinal)).Append($"{name}={Uri.EscapeDataString(value)}");
            var path = list.Split('?')[0] + "?" + string.Join('&', query);
            using var response = await site.Reader.GetAsync(path);
            var heading = Html.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#ket-qua")?.TextContent.Trim() ?? "";
            Assert.True(heading.StartsWith($"{shown} / ", StringComparison.Ordinal), $"{list}: \"{label}\" but {path} says \"{heading}\"");
        }
    }
}
