using System.Text.Json;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>Data for the _Map partial: points as a JSON data block that /js/map.js turns into a Leaflet map when it can.</summary>
public sealed record MapModel(IReadOnlyList<MapPoint> Points, bool DrawPath, string Heading)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    // Letters stay readable; <, > and & are still escaped, so the block cannot close its <script> element.
    public string PointsJson => JsonSerializer.Serialize(Points, Json);

    public static MapPoint? PointOf(ContentItem item, string url, GeoPoint? location, int? number = null) =>
        location is null ? null : new MapPoint(number, item.Title, url, location.Latitude, location.Longitude, location.Approximate);
}
