using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Catalogue;

/// <summary>
/// Open data as a harvester and a data journalist use it: a DCAT catalogue whose every distribution answers with what
/// it declares, a stated licence (from settings), one ZIP of everything with a checked manifest, Last-Modified with 304,
/// and the 2025 communes beside the old ones.
/// </summary>
public sealed class OpenDataCatalogTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new() { Settings = { ["Portal:OpenData:LicenseName"] = "CC BY 4.0 (thử)", ["Portal:OpenData:LicenseUrl"] = "https://example.org/giay-phep" } };
    private HttpClient _reader = null!;

    public Task InitializeAsync()
    {
        _reader = _factory.CreateReader();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_catalogue_lists_every_dataset_and_each_distribution_answers_with_its_declared_type()
    {
        var response = await _reader.GetAsync("/api/catalog.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        using var catalog = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = catalog.RootElement;
        Assert.Equal("dcat:Catalog", root.GetProperty("@type").GetString());
        Assert.Equal("http://www.w3.org/ns/dcat#", root.GetProperty("@context").GetProperty("dcat").GetString());
        Assert.Equal("https://example.org/giay-phep", root.GetProperty("dct:license").GetProperty("@id").GetString());
        var datasets = root.GetProperty("dcat:dataset").EnumerateArray().ToList();
        Assert.Equal(["villages", "products", "sights", "routes", "map"], datasets.Select(d => d.GetProperty("dct:identifier").GetString()));
        foreach (var dataset in datasets)
        {
            Assert.False(string.IsNullOrWhiteSpace(dataset.GetProperty("dct:description").GetProperty("@value").GetString()));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", dataset.GetProperty("dct:modified").GetProperty("@value").GetString());
            // The page documenting its fields has the anchor it names.
            var landing = new Uri(dataset.GetProperty("dct:conformsTo").GetProperty("@id").GetString()!);
            var (_, _, page) = await Html.GetAsync(_reader, landing.PathAndQuery);
            Assert.NotNull(page.GetElementById(landing.Fragment.TrimStart('#')));
            foreach (var distribution in dataset.GetProperty("dcat:distribution").EnumerateArray())
            {
                var url = new Uri(distribution.GetProperty("dcat:downloadURL").GetProperty("@id").GetString()!);
                var file = await _reader.GetAsync(url.PathAndQuery);
                Assert.Equal(HttpStatusCode.OK, file.StatusCode);
                Assert.Equal(distribution.GetProperty("dcat:mediaType").GetProperty("@id").GetString(), "https://www.iana.org/assignments/media-types/" + file.Content.Headers.ContentType?.MediaType);
                Assert.Equal("<https://example.org/giay-phep>; rel=\"license\"", file.Headers.GetValues("Link").Single());
                Assert.NotNull(file.Content.Headers.LastModified);
            }
        }
        // The open data page states the licence, with a link people and machines can follow.
        var (_, _, openData) = await Html.GetAsync(_reader, "/du-lieu-mo");
        var license = openData.QuerySelector("a[rel=license]")!;
        Assert.Equal(("CC BY 4.0 (thử)", "https://example.org/giay-phep"), (license.TextContent, license.GetAttribute("href")));
    }

    [Fact]
    public async Task One_zip_holds_every_csv_and_the_map_with_a_manifest_that_checks_them()
    {
        var response = await _reader.GetAsync("/api/du-lieu-mo.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        Assert.Equal(["manifest.json", "map.geojson", "products.csv", "routes.csv", "sights.csv", "villages.csv"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        static byte[] Read(ZipArchiveEntry entry)
        {
            using var s = entry.Open();
            using var copy = new MemoryStream();
            s.CopyTo(copy);
            return copy.ToArray();
        }
        using var manifest = JsonDocument.Parse(Read(zip.GetEntry("manifest.json")!));
        Assert.Equal("https://example.org/giay-phep", manifest.RootElement.GetProperty("license_url").GetString());
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            var bytes = Read(zip.GetEntry(file.GetProperty("name").GetString()!)!);
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.Equal(file.GetProperty("bytes").GetInt32(), bytes.Length);
        }
        // The same bytes as the dataset's own CSV.
        Assert.Equal(await _reader.GetByteArrayAsync("/api/villages?format=csv"), Read(zip.GetEntry("villages.csv")!));
    }

    [Fact]
    public async Task Datasets_say_when_they_changed_answer_304_until_then_and_move_on_after_an_edit()
    {
        var first = await _reader.GetAsync("/api/villages");
        var modified = first.Content.Headers.LastModified!.Value;
        var ask = new HttpRequestMessage(HttpMethod.Get, "/api/villages");
        ask.Headers.IfModifiedSince = modified;
        Assert.Equal(HttpStatusCode.NotModified, (await _reader.SendAsync(ask)).StatusCode);

        var village = await _factory.FirstPublishedAsync(ContentKind.Village);
        _factory.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.IsType<SaveOutcome.Saved>(await _factory.EditAsync(village.Id, i => { i.Summary = "Tóm tắt mới cho dữ liệu mở."; return i; }));
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/villages");
        again.Headers.IfModifiedSince = modified;
        var changed = await _reader.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True(changed.Content.Headers.LastModified > modified);
    }

    [Fact]
    public async Task Every_dataset_with_a_place_gives_the_2025_commune_and_whether_it_is_confirmed()
    {
        foreach (var dataset in new[] { "villages", "products", "sights" })
        {
            using var rows = JsonDocument.Parse(await _reader.GetStringAsync("/api/" + dataset));
            var all = rows.RootElement.EnumerateArray().ToList();
            Assert.NotEmpty(all);
            Assert.All(all, r => Assert.True(r.TryGetProperty("locality_2025", out _) && r.TryGetProperty("locality_2025_confirmed", out _), dataset));
            // The seed's new names come from unofficial sources: said so, never presented as confirmed.
            var named = all.Where(r => r.GetProperty("locality_2025").ValueKind == JsonValueKind.String).ToList();
            Assert.All(named, r => Assert.False(r.GetProperty("locality_2025_confirmed").GetBoolean()));
            if (dataset == "villages") Assert.Contains(named, r => r.GetProperty("locality_2025").GetString() == "Xã Bắc Bình");
        }
        using var products = JsonDocument.Parse(await _reader.GetStringAsync("/api/products"));
        var product = products.RootElement.EnumerateArray().First();
        Assert.Equal("http://localhost/q/" + product.GetProperty("code").GetString(), product.GetProperty("check_url").GetString());
        // Search also finds villages by their new commune's name.
        var (_, _, search) = await Html.GetAsync(_reader, "/tim-kiem?q=" + Uri.EscapeDataString("xã Bắc Bình") + "&loai=lang-nghe");
        Assert.NotEmpty(search.QuerySelectorAll("section.search-results > ol.results h3 a"));
    }
}
