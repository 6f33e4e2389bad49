using System.Text.Json.Serialization;

namespace PublicPortal.Web.Features.Catalogue;

public sealed record MapPoint(
    [property: JsonPropertyName("n")] int? Number,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("lat")] double Latitude,
    [property: JsonPropertyName("lon")] double Longitude,
    [property: JsonPropertyName("approx")] bool Approximate);
