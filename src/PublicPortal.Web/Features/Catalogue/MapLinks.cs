using System.Globalization;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>
/// Links that get a tourist to a place on OpenStreetMap: directions to a known point, or a search for the address when
/// no position has been sourced yet (a search does not invent coordinates; it lets the reader look for themselves).
/// </summary>
public static class MapLinks
{
    /// <summary>OpenStreetMap's directions to the point, the start left for the reader's device to fill.</summary>
    public static string Directions(GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var to = string.Create(CultureInfo.InvariantCulture, $"{point.Latitude:0.######},{point.Longitude:0.######}");
        return "https://www.openstreetmap.org/directions?route=" + Uri.EscapeDataString(";" + to);
    }

    public static string Search(string query) => "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString(query);

    /// <summary>
    /// What to search for: the street address if there is one, then the commune and district before July 2025 (the
    /// names maps still carry), then the province.
    /// </summary>
    public static string SearchQuery(ContentItem place, CatalogueSnapshot catalogue)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(catalogue);
        var parts = new List<string>();
        if (place.Sight?.Address is { Length: > 0 } address) parts.Add(address);
        var localitySlug = place.Village?.Locality ?? place.Sight?.Locality;
        if (catalogue.Find(ContentKind.Locality, localitySlug) is { Locality: { } locality } item)
        {
            if (!parts.Any(p => p.Contains(Bare(item.Title), StringComparison.OrdinalIgnoreCase))) parts.Add(Bare(item.Title));
            if (locality.District != item.Title) parts.Add(Bare(locality.District));
        }
        if (parts.Count == 0) parts.Add(place.Title);
        parts.Add("Bình Thuận");
        return string.Join(", ", parts);
    }

    /// <summary>"Xã Phan Hiệp" → "Phan Hiệp": OpenStreetMap's search matches the name better without the unit word.</summary>
    private static string Bare(string name)
    {
        foreach (var unit in new[] { "Thị trấn ", "Phường ", "Xã ", "Huyện ", "Thị xã ", "Thành phố ", "TP. " })
        {
            if (name.StartsWith(unit, StringComparison.OrdinalIgnoreCase)) return name[unit.Length..];
        }
        return name;
    }
}
