using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Features.Catalogue;

namespace PublicPortal.Tests.Catalogue;

public sealed class OpenDataTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly HttpClient _client = factory.CreateReader();

    [Fact]
    public async Task Gpx_download_is_valid_GPX_1_1_with_the_stops_in_order()
    {
        var response = await _client.GetAsync("/tuyen-du-lich/hanh-trinh-xanh-2023.gpx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/gpx+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var schemas = new XmlSchemaSet();
        schemas.Add("http://www.topografix.com/GPX/1/1", Path.Combine(AppContext.BaseDirectory, "Catalogue", "gpx-1.1-subset.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using (var reader = XmlReader.Create(new MemoryStream(bytes), settings))
        {
            while (reader.Read()) { }
        }
        Assert.Empty(errors);

        XNamespace gpx = "http://www.topografix.com/GPX/1/1";
        var document = XDocument.Load(new MemoryStream(bytes));
        var points = document.Root!.Elements(gpx + "rte").Single().Elements(gpx + "rtept").ToList();
        Assert.Equal(["1. Làng chài Mũi Né", "2. Bàu Trắng", "3. Bảo tàng Làng Chài Xưa"], points.Select(p => p.Element(gpx + "name")!.Value));
        Assert.Equal("11.064", points[1].Attribute("lat")!.Value);
        Assert.Equal("108.423", points[1].Attribute("lon")!.Value);
        Assert.Equal(3, document.Root.Elements(gpx + "wpt").Count());
    }

    [Fact]
    public void A_gpx_file_breaking_the_schema_is_caught_by_the_same_check()
    {
        // Guards the check itself: a latitude out of range must fail validation.
        var schemas = new XmlSchemaSet();
        schemas.Add("http://www.topografix.com/GPX/1/1", Path.Combine(AppContext.BaseDirectory, "Catalogue", "gpx-1.1-subset.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        var bad = "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\" version=\"1.1\" creator=\"x\"><wpt lat=\"91\" lon=\"0\"/></gpx>";
        using var reader = XmlReader.Create(new StringReader(bad), settings);
        while (reader.Read()) { }
        Assert.NotEmpty(errors);
    }

    [Fact]
    public async Task GeoJson_download_parses_back_to_numbered_points_and_the_path()
    {
        var response = await _client.GetAsync("/tuyen-du-lich/hanh-trinh-xanh-2023.geojson");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        var points = features.Where(f => f.GetProperty("geometry").GetProperty("type").GetString() == "Point").ToList();
        Assert.Equal([1, 2, 3], points.Select(p => p.GetProperty("properties").GetProperty("number").GetInt32()));
        var lonLat = points[1].GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()).ToList();
        Assert.Equal([108.423, 11.064], lonLat);
        var line = Assert.Single(features, f => f.GetProperty("geometry").GetProperty("type").GetString() == "LineString");
        Assert.Equal(3, line.GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
        Assert.Equal(52.2, line.GetProperty("properties").GetProperty("distance_km").GetDouble(), 0);
    }

    [Fact]
    public async Task Villages_api_returns_documented_fields_and_honours_page_filters()
    {
        using var all = JsonDocument.Parse(await _client.GetStringAsync("/api/villages"));
        Assert.Equal(9, all.RootElement.GetArrayLength());
        var binhDuc = all.RootElement.EnumerateArray().Single(v => v.GetProperty("slug").GetString() == "gom-binh-duc");
        Assert.Equal("Làng gốm gọ Bình Đức", binhDuc.GetProperty("name").GetString());
        Assert.Equal("lang-nghe", binhDuc.GetProperty("type").GetString());
        Assert.Equal("hoat-dong", binhDuc.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, binhDuc.GetProperty("latitude").ValueKind);
        Assert.Equal(57, binhDuc.GetProperty("artisans").GetInt32());
        Assert.Equal(2024, binhDuc.GetProperty("artisans_year").GetInt32());
        Assert.True(binhDuc.GetProperty("has_rated_ocop_product").GetBoolean());

        using var revoked = JsonDocument.Parse(await _client.GetStringAsync("/api/villages?tinh-trang=thu-hoi"));
        Assert.Equal("may-tre-dan-dong-ha", Assert.Single(revoked.RootElement.EnumerateArray()).GetProperty("slug").GetString());
    }

    [Theory]
    [InlineData("/api/villages?huyen=khong-co")]
    [InlineData("/api/products?sao=9")]
    [InlineData("/api/villages?format=xml")]
    public async Task Bad_api_parameters_get_a_400_with_a_message(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Csv_export_is_utf8_with_bom_and_parses_back_with_Vietnamese_intact()
    {
        var response = await _client.GetAsync("/api/products?format=csv&sao=5");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes[3..]));
        var header = rows[0];
        Assert.Equal(3, rows.Count);
        var producer = header.IndexOf("producer");
        var name = header.IndexOf("name");
        Assert.All(rows.Skip(1), r => Assert.Equal("Công ty TNHH Hải Nam Okinawa", r[producer]));
        Assert.Equal(["Rong nho muối", "Rong nho tươi"], rows.Skip(1).Select(r => r[name]).Order());
        Assert.Equal("expired", rows[1][header.IndexOf("certificate_state")]);
    }

    [Fact]
    public async Task Csv_quotes_commas_and_lists()
    {
        var rows = Csv.Parse(Encoding.UTF8.GetString((await _client.GetByteArrayAsync("/api/villages?format=csv&nghe=gom"))[3..]));
        var header = rows[0];
        var row = Assert.Single(rows.Skip(1));
        Assert.Equal(header.Count, row.Count);
        Assert.Equal("Làm gốm", row[header.IndexOf("crafts")]);
        Assert.Contains("; ", row[header.IndexOf("sources")], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_geojson_holds_every_village_and_sight_with_a_position()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/api/map.geojson"));
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(10, features.Count(f => f.GetProperty("properties").GetProperty("kind").GetString() == "sight"));
        Assert.Equal("nuoc-mam-phan-thiet", Assert.Single(features, f => f.GetProperty("properties").GetProperty("kind").GetString() == "village").GetProperty("properties").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Routes_and_sights_apis_list_everything_published()
    {
        using var routes = JsonDocument.Parse(await _client.GetStringAsync("/api/routes"));
        Assert.Equal(3, routes.RootElement.GetArrayLength());
        using var sights = JsonDocument.Parse(await _client.GetStringAsync("/api/sights"));
        Assert.Equal(10, sights.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task The_open_data_page_documents_every_field_the_api_returns()
    {
        var (response, _, document) = await Html.GetAsync(_client, "/du-lieu-mo");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var documented = document.QuerySelectorAll("tbody tr").ToDictionary(r => r.Children[0].TextContent + "@" + r.Closest("section")!.QuerySelector("h2 a")!.TextContent, r => r.Children[1].TextContent);
        Assert.All(documented, kv => Assert.NotEqual("—", kv.Value));
        foreach (var api in new[] { "/api/villages", "/api/products", "/api/sights", "/api/routes" })
        {
            using var json = JsonDocument.Parse(await _client.GetStringAsync(api));
            foreach (var field in json.RootElement[0].EnumerateObject())
                Assert.True(documented.ContainsKey(field.Name + "@" + api), $"{api} field {field.Name} is not documented");
        }
    }

    [Fact]
    public async Task The_English_open_data_page_documents_the_same_fields_in_English()
    {
        Assert.Equal(OpenDataFields.Descriptions.Keys.Order(), OpenDataFields.EnglishDescriptions.Keys.Order());
        var (_, _, vietnamese) = await Html.GetAsync(_client, "/du-lieu-mo");
        var (response, body, english) = await Html.GetAsync(_client, "/en/open-data");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("en", "Open data"), (english.DocumentElement.GetAttribute("lang"), english.QuerySelector("main h1")!.TextContent));
        Assert.DoesNotContain("&#x", body, StringComparison.Ordinal);
        static Dictionary<string, string> Rows(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("tbody tr")
            .ToDictionary(r => r.Children[0].TextContent + "@" + r.Closest("section")!.QuerySelector("h2 a")!.GetAttribute("href"), r => r.Children[1].TextContent);
        var (vi, en) = (Rows(vietnamese), Rows(english));
        Assert.Equal(vi.Keys, en.Keys); // the same datasets and fields, in the same order
        Assert.All(en, row => Assert.NotEqual(vi[row.Key], row.Value));
        Assert.Equal("valid, expired or unknown.", en["certificate_state@/api/products"]);
        Assert.Equal("/api/chuong-trinh/{đường dẫn}/tien-do", vietnamese.QuerySelector("#tien-do-chuong-trinh a")!.TextContent);
        Assert.Equal("Open data", english.QuerySelector("footer a[href='/en/open-data']")!.TextContent);
    }
}
