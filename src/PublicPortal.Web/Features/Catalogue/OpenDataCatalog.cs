using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>
/// The open data as a catalogue (DCAT, in JSON-LD): each dataset with its formats, licence, update time and the page
/// documenting its fields; and as one ZIP of every CSV and GeoJSON with a manifest.
/// </summary>
public static class OpenDataCatalog
{
    /// <param name="Id">The name of its files ("villages.csv").</param>
    /// <param name="Anchor">Where the open data page documents its fields.</param>
    public sealed record Dataset(string Id, string Title, string Description, string Path, string Anchor, bool Csv);

    public static readonly IReadOnlyList<Dataset> Datasets =
    [
        new("villages", "Làng nghề Bình Thuận", "Làng nghề, làng nghề truyền thống và làng có nghề: nghề, địa bàn (cả tên sau 01/7/2025), vị trí, quyết định công nhận, số hộ, lao động, nghệ nhân.", SiteLinks.Api.Villages, "api-villages", true),
        new("products", "Sản phẩm OCOP", "Sản phẩm OCOP: chủ thể, địa bàn, nhóm, hạng sao, quyết định công nhận, thời hạn và trạng thái chứng nhận, mã nhãn QR.", SiteLinks.Api.Products, "api-products", true),
        new("sights", "Điểm đến", "Điểm tham quan: loại, địa bàn, địa chỉ, vị trí, giờ mở cửa, giá vé.", SiteLinks.Api.Sights, "api-sights", true),
        new("routes", "Tuyến du lịch", "Tuyến du lịch làng nghề: các điểm dừng, quãng đường, thời gian.", SiteLinks.Api.Routes, "api-routes", true),
        new("map", "Bản đồ làng nghề và điểm đến", "Mọi làng nghề và điểm đến đã có vị trí, dạng GeoJSON (WGS 84).", SiteLinks.Api.Map, "ban-do", false),
    ];

    public const string ZipPath = "/api/du-lieu-mo.zip";
    public const string CatalogPath = "/api/catalog.json";

    public static string Http(DateTime utc) => utc.ToString("R", CultureInfo.InvariantCulture);

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The rows of a dataset, as its JSON and CSV carry them (the map has none: it is GeoJSON).</summary>
    public static IReadOnlyList<OrderedDictionary<string, object?>> Rows(string id, CatalogueSnapshot c, string baseUrl) => id switch
    {
        "villages" => OpenData.Villages(c.Villages, c, baseUrl),
        "products" => OpenData.Products(c.Products, c, baseUrl),
        "sights" => OpenData.Sights(c.Sights, c, baseUrl),
        "routes" => OpenData.Routes(c.Routes, c, baseUrl),
        _ => [],
    };

    public static JsonObject Catalog(CatalogueSnapshot c, OpenDataOptions options, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(options);
        JsonObject Modified() => new() { ["@value"] = Iso(c.ModifiedUtc), ["@type"] = "xsd:dateTime" };
        static JsonObject MediaType(string type) => new() { ["@id"] = "https://www.iana.org/assignments/media-types/" + type };
        JsonObject Distribution(string title, string url, string mediaType, string format) => new()
        {
            ["@type"] = "dcat:Distribution",
            ["dct:title"] = title,
            ["dcat:accessURL"] = new JsonObject { ["@id"] = url },
            ["dcat:downloadURL"] = new JsonObject { ["@id"] = url },
            ["dcat:mediaType"] = MediaType(mediaType),
            ["dct:format"] = format,
            ["dct:license"] = new JsonObject { ["@id"] = options.LicenseUrl },
            ["dct:modified"] = Modified(),
        };
        var datasets = new JsonArray();
        foreach (var d in Datasets)
        {
            var distributions = new JsonArray();
            if (d.Csv)
            {
                distributions.Add(Distribution("JSON", baseUrl + d.Path, "application/json", "JSON"));
                distributions.Add(Distribution("CSV", baseUrl + d.Path + "?format=csv", "text/csv", "CSV"));
            }
            else distributions.Add(Distribution("GeoJSON", baseUrl + d.Path, "application/geo+json", "GeoJSON"));
            distributions.Add(Distribution("ZIP (mọi tệp CSV và GeoJSON)", baseUrl + ZipPath, "application/zip", "ZIP"));
            datasets.Add(new JsonObject
            {
                ["@type"] = "dcat:Dataset",
                ["@id"] = baseUrl + CatalogPath + "#" + d.Id,
                ["dct:identifier"] = d.Id,
                ["dct:title"] = new JsonObject { ["@value"] = d.Title, ["@language"] = "vi" },
                ["dct:description"] = new JsonObject { ["@value"] = d.Description, ["@language"] = "vi" },
                ["dct:modified"] = Modified(),
                ["dct:license"] = new JsonObject { ["@id"] = options.LicenseUrl },
                ["dct:publisher"] = new JsonObject { ["@type"] = "foaf:Agent", ["foaf:name"] = options.Publisher },
                ["dct:language"] = "vi",
                ["dct:spatial"] = "Bình Thuận (nay thuộc tỉnh Lâm Đồng), Việt Nam",
                ["dcat:landingPage"] = new JsonObject { ["@id"] = baseUrl + SiteLinks.OpenData + "#" + d.Anchor },
                ["dct:conformsTo"] = new JsonObject { ["@id"] = baseUrl + SiteLinks.OpenData + "#" + d.Anchor },
                ["dcat:distribution"] = distributions,
            });
        }
        return new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#",
                ["dct"] = "http://purl.org/dc/terms/",
                ["foaf"] = "http://xmlns.com/foaf/0.1/",
                ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
            },
            ["@type"] = "dcat:Catalog",
            ["@id"] = baseUrl + CatalogPath,
            ["dct:title"] = new JsonObject { ["@value"] = "Dữ liệu mở làng nghề Bình Thuận", ["@language"] = "vi" },
            ["dct:description"] = new JsonObject
            {
                ["@value"] = "Danh mục làng nghề, sản phẩm OCOP, điểm đến và tuyến du lịch của chương trình bảo tồn và phát triển làng nghề tỉnh Bình Thuận (nay thuộc tỉnh Lâm Đồng), cập nhật cùng lúc với cổng thông tin.",
                ["@language"] = "vi",
            },
            ["dct:publisher"] = new JsonObject { ["@type"] = "foaf:Agent", ["foaf:name"] = options.Publisher },
            ["dct:license"] = new JsonObject { ["@id"] = options.LicenseUrl },
            ["dct:rights"] = options.LicenseName,
            ["dct:modified"] = Modified(),
            ["dcat:landingPage"] = new JsonObject { ["@id"] = baseUrl + SiteLinks.OpenData },
            ["dcat:dataset"] = datasets,
        };
    }

    /// <summary>Every CSV and the map's GeoJSON, with manifest.json: the catalogue, and each file's rows and SHA-256.</summary>
    public static byte[] Zip(CatalogueSnapshot c, OpenDataOptions options, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var buffer = new MemoryStream();
        var files = new JsonArray();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] bytes, int? rows)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(c.ModifiedUtc, TimeSpan.Zero);
                using (var stream = entry.Open()) stream.Write(bytes);
                files.Add(new JsonObject
                {
                    ["name"] = name,
                    ["bytes"] = bytes.Length,
                    ["rows"] = rows,
                    ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                });
            }
            foreach (var d in Datasets.Where(d => d.Csv))
            {
                var rows = Rows(d.Id, c, baseUrl);
                Add(d.Id + ".csv", OpenData.Csv(rows, rows.Count > 0 ? rows[0].Keys.ToList() : []), rows.Count);
            }
            Add("map.geojson", System.Text.Encoding.UTF8.GetBytes(OpenData.MapGeoJson(c, baseUrl).ToJsonString()), null);
            var manifest = new JsonObject
            {
                ["generated"] = Iso(c.ModifiedUtc),
                ["license"] = options.LicenseName,
                ["license_url"] = options.LicenseUrl,
                ["publisher"] = options.Publisher,
                ["fields"] = baseUrl + SiteLinks.OpenData,
                ["catalog"] = Catalog(c, options, baseUrl),
                ["files"] = files,
            };
            var entry = zip.CreateEntry("manifest.json", CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(c.ModifiedUtc, TimeSpan.Zero);
            using var manifestStream = entry.Open();
            manifestStream.Write(System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));
        }
        return buffer.ToArray();
    }
}
