using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Web;

/// <summary>Absolute URLs come from Portal:PublicOrigin, never from the Host header a client sends.</summary>
public sealed class PublicOriginTests : IAsyncLifetime
{
    private const string Origin = "https://langnghe.example.vn";
    private readonly PortalFactory _open = new() { Settings = { ["Portal:PublicOrigin"] = Origin, ["AllowedHosts"] = "*" } };
    private readonly PortalFactory _default = new() { Settings = { ["Portal:PublicOrigin"] = Origin } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _open.DisposeAsync();
        await _default.DisposeAsync();
    }

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = "evil.example";
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Every_absolute_url_uses_the_configured_origin_whatever_the_host_header()
    {
        var client = _open.CreateReader();
        var village = Html.Parse(await GetAsync(client, "/lang-nghe/gom-binh-duc"));
        Assert.Equal(Origin + "/lang-nghe/gom-binh-duc", village.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        var jsonLd = JsonDocument.Parse(village.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.StartsWith(Origin + "/", jsonLd.RootElement.GetProperty("url").GetString());

        var rss = XDocument.Parse(await GetAsync(client, "/rss.xml"));
        Assert.All(rss.Descendants("item").Select(i => i.Element("link")!.Value), link => Assert.StartsWith(Origin + "/", link));
        var sitemap = XDocument.Parse(await GetAsync(client, "/sitemap.xml"));
        var locs = sitemap.Descendants(XName.Get("loc", "http://www.sitemaps.org/schemas/sitemap/0.9")).Select(l => l.Value).ToList();
        Assert.NotEmpty(locs);
        Assert.All(locs, loc => Assert.StartsWith(Origin + "/", loc));

        var csv = await GetAsync(client, "/api/villages?format=csv");
        Assert.DoesNotContain("evil.example", csv);
        Assert.Contains(Origin + "/lang-nghe/", csv);
        var geojson = await GetAsync(client, "/api/map.geojson");
        Assert.DoesNotContain("evil.example", geojson);
        var route = Html.Parse(await GetAsync(client, "/tuyen-du-lich")).QuerySelector("main a[href^='/tuyen-du-lich/']")!.GetAttribute("href")!;
        foreach (var export in new[] { route + ".gpx", route + ".geojson" })
        {
            var text = await GetAsync(client, export);
            Assert.DoesNotContain("evil.example", text);
            Assert.Contains(Origin + "/", text);
        }
    }

    [Fact]
    public async Task Outside_development_an_unknown_host_is_refused()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example";
        var response = await _default.CreateReader().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var own = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        own.Headers.Host = "langnghe.example.vn";
        Assert.Equal(HttpStatusCode.OK, (await _default.CreateReader().SendAsync(own)).StatusCode);
    }
}
