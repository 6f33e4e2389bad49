using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>A route as GPX 1.1 (waypoints + route) and as GeoJSON (numbered points + the path), from the stops that have a position.</summary>
public static class RouteExports
{
    public const string GpxNamespace = "http://www.topografix.com/GPX/1/1";

    public static string Gpx(ContentItem route, RoutePlan plan, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder();
        using (var xml = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("gpx", GpxNamespace);
            xml.WriteAttributeString("version", "1.1");
            xml.WriteAttributeString("creator", "Cổng thông tin làng nghề Bình Thuận");
            xml.WriteAttributeString("xsi", "schemaLocation", "http://www.w3.org/2001/XMLSchema-instance", GpxNamespace + " http://www.topografix.com/GPX/1/1/gpx.xsd");

            xml.WriteStartElement("metadata", GpxNamespace);
            xml.WriteElementString("name", GpxNamespace, route.Title);
            xml.WriteElementString("desc", GpxNamespace, Description(route, plan));
            WriteLink(xml, $"{baseUrl}/tuyen-du-lich/{route.Slug}", route.Title);
            xml.WriteEndElement();

            foreach (var stop in plan.Located)
            {
                xml.WriteStartElement("wpt", GpxNamespace);
                WritePoint(xml, stop);
                xml.WriteEndElement();
            }

            xml.WriteStartElement("rte", GpxNamespace);
            xml.WriteElementString("name", GpxNamespace, route.Title);
            foreach (var stop in plan.Located)
            {
                xml.WriteStartElement("rtept", GpxNamespace);
                WritePoint(xml, stop);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        // StringBuilder output declares utf-16; the file is sent as UTF-8.
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);

        void WritePoint(XmlWriter xml, PlannedStop stop)
        {
            xml.WriteAttributeString("lat", stop.Location!.Latitude.ToString("0.######", CultureInfo.InvariantCulture));
            xml.WriteAttributeString("lon", stop.Location.Longitude.ToString("0.######", CultureInfo.InvariantCulture));
            xml.WriteElementString("name", GpxNamespace, $"{stop.Number}. {stop.Target.Title}");
            if (stop.Stop.Note is not null) xml.WriteElementString("desc", GpxNamespace, stop.Stop.Note + (stop.Location.Approximate ? " (vị trí gần đúng)" : ""));
            WriteLink(xml, $"{baseUrl}{UrlOf(stop.Target)}", stop.Target.Title);
        }
    }

    private static void WriteLink(XmlWriter xml, string href, string text)
    {
        xml.WriteStartElement("link", GpxNamespace);
        xml.WriteAttributeString("href", href);
        xml.WriteElementString("text", GpxNamespace, text);
        xml.WriteEndElement();
    }

    public static JsonObject GeoJson(ContentItem route, RoutePlan plan, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(plan);
        var features = new JsonArray();
        foreach (var stop in plan.Located)
        {
            features.Add(Feature(Point(stop.Location!), new JsonObject
            {
                ["number"] = stop.Number,
                ["name"] = stop.Target.Title,
                ["kind"] = stop.Stop.Kind,
                ["url"] = baseUrl + UrlOf(stop.Target),
                ["note"] = stop.Stop.Note,
                ["minutes"] = stop.Stop.Minutes,
                ["approximate"] = stop.Location!.Approximate,
            }));
        }
        if (plan.Located.Count > 1)
        {
            var line = new JsonArray();
            foreach (var stop in plan.Located) line.Add(new JsonArray(stop.Location!.Longitude, stop.Location.Latitude));
            features.Add(Feature(new JsonObject { ["type"] = "LineString", ["coordinates"] = line }, new JsonObject
            {
                ["name"] = route.Title,
                ["distance_km"] = plan.TotalKm is { } km ? RoutePlan.RoundKm(km) : null,
            }));
        }
        return new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["name"] = route.Title,
            ["description"] = Description(route, plan),
            ["stops"] = plan.Stops.Count,
            ["stops_left_out"] = plan.LeftOut,
            ["features"] = features,
        };
    }

    /// <summary>
    /// The file's own description says what it lacks: a GPS app shows only the located stops, and a tourist must know
    /// that the others exist and are not on the track.
    /// </summary>
    public static string Description(ContentItem route, RoutePlan plan)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(plan);
        var summary = route.Summary is { Length: > 0 } s ? s.TrimEnd() + " " : "";
        if (plan.LeftOut == 0) return summary + $"Tệp gồm đủ {plan.Stops.Count} điểm dừng của tuyến.";
        var missing = string.Join("; ", plan.Stops.Where(p => p.Location is null).Select(p => $"{p.Number}. {p.Target.Title}"));
        return summary + $"Tệp gồm {plan.Located.Count}/{plan.Stops.Count} điểm dừng; {plan.LeftOut} điểm chưa có vị trí nên không có trong tệp: {missing}.";
    }

    public static JsonObject Point(GeoPoint point) =>
        new() { ["type"] = "Point", ["coordinates"] = new JsonArray(point.Longitude, point.Latitude) };

    public static JsonObject Feature(JsonObject geometry, JsonObject properties) =>
        new() { ["type"] = "Feature", ["geometry"] = geometry, ["properties"] = properties };

    public static string UrlOf(ContentItem item) => Content.ContentKinds.UrlOf(item.Kind, item.Slug);
}
