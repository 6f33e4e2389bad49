using System.Net;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Web;

/// <summary>
/// The weight a reader on a slow phone connection downloads to open a page (issue 16): the HTML and the stylesheets
/// and scripts it loads, brotli-compressed as sent, stay within 60 KB, and its scripts within 20 KB. A map's library
/// is fetched only when the map comes near the screen, so it is not part of opening the page.
/// </summary>
public sealed class PageWeightTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const int PageBudget = 60 * 1024;
    private const int ScriptBudget = 20 * 1024;

    private async Task<int> CompressedSizeAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/tin-tuc")]
    [InlineData("/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc")]
    [InlineData("/lang-nghe")]
    [InlineData("/lang-nghe/gom-binh-duc")]
    [InlineData("/san-pham")]
    [InlineData("/san-pham/gom-cham-son-hoa")]
    [InlineData("/diem-den")]
    [InlineData("/tuyen-du-lich/mot-ngay-di-san-cham")]
    [InlineData("/chuong-trinh/ke-hoach-3073/tien-do")]
    [InlineData("/van-ban")]
    [InlineData("/tim-kiem?q=gom")]
    public async Task Opening_a_page_downloads_at_most_60_KB_of_which_scripts_at_most_20_KB(string url)
    {
        var client = factory.CreateReader();
        var html = await CompressedSizeAsync(client, url);
        var (_, _, page) = await Html.GetAsync(client, url);
        var styles = page.QuerySelectorAll("link[rel=stylesheet][href]").Select(l => l.GetAttribute("href")!).ToList();
        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        Assert.All(styles.Concat(scripts), href => Assert.StartsWith("/", href, StringComparison.Ordinal)); // nothing from other sites
        var css = 0;
        foreach (var href in styles) css += await CompressedSizeAsync(client, href);
        var js = 0;
        foreach (var src in scripts) js += await CompressedSizeAsync(client, src);
        Assert.True(js <= ScriptBudget, $"{url}: scripts {js} bytes compressed ({string.Join(", ", scripts)})");
        Assert.True(html + css + js <= PageBudget, $"{url}: HTML {html} + CSS {css} + JS {js} bytes compressed");
        Assert.DoesNotContain(scripts, s => s.Contains("leaflet", StringComparison.Ordinal));
    }
}
