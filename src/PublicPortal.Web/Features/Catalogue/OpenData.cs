using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>The catalogue as rows with stable snake_case field names; the same rows become JSON or CSV.</summary>
public static class OpenData
{
    public static IReadOnlyList<OrderedDictionary<string, object?>> Villages(IEnumerable<ContentItem> villages, CatalogueSnapshot c, string baseUrl) =>
        villages.Select(v =>
        {
            var d = v.Village!;
            var locality = c.Find(ContentKind.Locality, d.Locality);
            Figure? Latest(string measure) => d.Figures.Where(f => f.Measure == measure).OrderByDescending(f => f.Year).FirstOrDefault();
            return new OrderedDictionary<string, object?>
            {
                ["slug"] = v.Slug,
                ["name"] = v.Title,
                ["url"] = $"{baseUrl}/lang-nghe/{v.Slug}",
                ["type"] = CatalogueLabels.KeyOf(d.Type),
                ["status"] = CatalogueLabels.KeyOf(d.Status),
                ["crafts"] = d.Crafts.Select(k => c.Find(ContentKind.Craft, k)?.Title ?? k).ToList(),
                ["locality"] = locality?.Title,
                ["district"] = c.DistrictOf(d.Locality),
                ["locality_after_2025"] = locality?.Locality?.NewName,
                ["locality_2025"] = locality?.Locality?.NewName,
                ["locality_2025_confirmed"] = locality?.Locality?.NewName is null ? null : locality.Locality.NewNameConfirmed,
                ["latitude"] = d.Location?.Latitude,
                ["longitude"] = d.Location?.Longitude,
                ["location_approximate"] = d.Location?.Approximate,
                ["recognition_number"] = d.RecognitionNumber,
                ["recognition_date"] = d.RecognitionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["recognition_issuer"] = d.RecognitionIssuer,
                ["founded_year"] = d.FoundedYear,
                ["households"] = Latest("households")?.Value,
                ["households_year"] = Latest("households")?.Year,
                ["workers"] = Latest("workers")?.Value,
                ["workers_year"] = Latest("workers")?.Year,
                ["artisans"] = Latest("artisans")?.Value,
                ["artisans_year"] = Latest("artisans")?.Year,
                ["operating_effectively"] = d.OperatingEffectively,
                ["environment_compliant"] = d.EnvironmentCompliant,
                ["trademark_protected"] = d.TrademarkProtected,
                ["linked_to_tourism"] = d.LinkedToTourism,
                ["has_rated_ocop_product"] = c.HasRatedProduct(v),
                ["sources"] = v.Sources.Select(s => s.Url ?? s.Title).ToList(),
            };
        }).ToList();

    /// <summary>The commune-level unit's name after the July 2025 reorganisation, when known.</summary>
    private static string? NewNameOf(CatalogueSnapshot c, string? locality) => c.Find(ContentKind.Locality, locality)?.Locality?.NewName;

    /// <summary>Whether that name is confirmed by an official source; null when there is no new name.</summary>
    private static bool? NewNameConfirmedOf(CatalogueSnapshot c, string? locality) =>
        c.Find(ContentKind.Locality, locality)?.Locality is { NewName: not null } l ? l.NewNameConfirmed : null;

    public static IReadOnlyList<OrderedDictionary<string, object?>> Products(IEnumerable<ContentItem> products, CatalogueSnapshot c, string baseUrl) =>
        products.Select(item =>
        {
            var p = item.Product!;
            return new OrderedDictionary<string, object?>
            {
                ["slug"] = item.Slug,
                ["name"] = item.Title,
                ["url"] = $"{baseUrl}/san-pham/{item.Slug}",
                ["producer"] = p.Producer,
                ["locality"] = c.Find(ContentKind.Locality, p.Locality)?.Title,
                ["district"] = c.DistrictOf(p.Locality),
                ["locality_2025"] = NewNameOf(c, p.Locality),
                ["locality_2025_confirmed"] = NewNameConfirmedOf(c, p.Locality),
                ["village"] = p.Village,
                ["group"] = p.Group,
                ["group_name"] = CatalogueLabels.Group(p.Group),
                ["subgroup"] = p.Subgroup,
                ["stars"] = p.Stars,
                ["score"] = p.Score,
                ["level"] = p.Level,
                ["decision_number"] = p.DecisionNumber,
                ["decision_date"] = p.DecisionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["decision_date_approximate"] = p.DecisionDateApproximate,
                ["certificate_expiry"] = Ocop.ExpiryOf(p)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["certificate_state"] = Ocop.StateOf(p, c.Today).ToString().ToLowerInvariant(),
                ["price_range"] = p.PriceRange,
                ["where_to_buy"] = p.WhereToBuy,
                ["code"] = p.Code,
                ["check_url"] = p.Code is null ? null : baseUrl + Web.SiteLinks.ProductCheck(p.Code),
                ["sources"] = item.Sources.Select(s => s.Url ?? s.Title).ToList(),
            };
        }).ToList();

    public static IReadOnlyList<OrderedDictionary<string, object?>> Sights(IEnumerable<ContentItem> sights, CatalogueSnapshot c, string baseUrl) =>
        sights.Select(item =>
        {
            var s = item.Sight!;
            return new OrderedDictionary<string, object?>
            {
                ["slug"] = item.Slug,
                ["name"] = item.Title,
                ["url"] = $"{baseUrl}/diem-den/{item.Slug}",
                ["kind"] = s.SightKind,
                ["locality"] = c.Find(ContentKind.Locality, s.Locality)?.Title,
                ["district"] = c.DistrictOf(s.Locality),
                ["locality_2025"] = NewNameOf(c, s.Locality),
                ["locality_2025_confirmed"] = NewNameConfirmedOf(c, s.Locality),
                ["address"] = s.Address,
                ["latitude"] = s.Location?.Latitude,
                ["longitude"] = s.Location?.Longitude,
                ["location_approximate"] = s.Location?.Approximate,
                ["opening_hours"] = s.OpeningHours,
                ["fee"] = s.Fee,
                ["access"] = s.Access,
                ["sources"] = item.Sources.Select(x => x.Url ?? x.Title).ToList(),
            };
        }).ToList();

    public static IReadOnlyList<OrderedDictionary<string, object?>> Routes(IEnumerable<ContentItem> routes, CatalogueSnapshot c, string baseUrl) =>
        routes.Select(item =>
        {
            var plan = RoutePlan.Of(item, c);
            return new OrderedDictionary<string, object?>
            {
                ["slug"] = item.Slug,
                ["name"] = item.Title,
                ["url"] = $"{baseUrl}/tuyen-du-lich/{item.Slug}",
                ["occasion"] = item.Route!.Occasion,
                ["stops"] = plan.Stops.Select(s => $"{s.Number}. {s.Target.Title}").ToList(),
                ["distance_km"] = plan.TotalKm is { } km ? RoutePlan.RoundKm(km) : null,
                ["legs_without_position"] = plan.UnknownLegs,
                ["stop_minutes"] = plan.StopMinutes,
                ["estimated_minutes"] = plan.TotalMinutes,
                ["gpx"] = $"{baseUrl}/tuyen-du-lich/{item.Slug}.gpx",
                ["geojson"] = $"{baseUrl}/tuyen-du-lich/{item.Slug}.geojson",
            };
        }).ToList();

    /// <summary>
    /// CSV for spreadsheets: UTF-8 with BOM (so Excel shows Vietnamese), every field quoted, lists joined with "; ".
    /// Text that a spreadsheet would run as a formula — a = + - @ tab or CR at its start or after any separator a
    /// spreadsheet may split on (, ; tab |, line breaks) — gets a quote mark first; so does a phone number like +84…, which
    /// would otherwise become a number. Only values that are numbers in the data stay numbers.
    /// </summary>
    public static byte[] Csv(IReadOnlyList<OrderedDictionary<string, object?>> rows, IReadOnlyList<string> header)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', header.Select(h => Quote(Neutralise(h)))).Append("\r\n");
        foreach (var row in rows)
        {
            sb.AppendJoin(',', header.Select(key => Quote(Field(row.GetValueOrDefault(key))))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Field(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        decimal or int or long or float => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> list => Neutralise(string.Join("; ", list)),
        IFormattable f => Neutralise(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Neutralise(value.ToString() ?? ""),
    };

    private static readonly System.Buffers.SearchValues<char> FormulaStarts = System.Buffers.SearchValues.Create("=+-@\t\r");

    internal static string Neutralise(string value)
    {
        if (value.Length == 0) return value;
        var sb = new StringBuilder(value.Length + 4);
        var atStart = true;
        foreach (var c in value)
        {
            if (atStart && FormulaStarts.Contains(c)) sb.Append('\'');
            sb.Append(c);
            // Spaces after a separator do not protect: "; =1+1" still starts a formula once split.
            atStart = c is ',' or ';' or '\t' or '|' or '\n' or '\r' || (atStart && c == ' ');
        }
        return sb.ToString();
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static JsonObject MapGeoJson(CatalogueSnapshot c, string baseUrl)
    {
        var features = new JsonArray();
        foreach (var item in c.Villages.Concat(c.Sights))
        {
            if (c.LocationOf(item) is not { } location) continue;
            features.Add(RouteExports.Feature(RouteExports.Point(location), new JsonObject
            {
                ["slug"] = item.Slug,
                ["name"] = item.Title,
                ["kind"] = item.Kind == ContentKind.Village ? "village" : "sight",
                ["url"] = baseUrl + RouteExports.UrlOf(item),
                ["approximate"] = location.Approximate,
            }));
        }
        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
    }
}
