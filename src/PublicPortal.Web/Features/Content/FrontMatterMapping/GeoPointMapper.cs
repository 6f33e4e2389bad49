using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

/// <summary>A position on the map, as villages and sights give it.</summary>
internal static class GeoPointMapper
{
    public static GeoPoint? Read(PointDto? point, string key)
    {
        if (point is null) return null;
        if (point.Lat is not { } lat || point.Lon is not { } lon || lat is < -90 or > 90 || lon is < -180 or > 180)
            throw new ContentFormatException($"'{key}' needs lat (−90…90) and lon (−180…180)");
        return new GeoPoint { Latitude = lat, Longitude = lon, Approximate = point.Approximate };
    }

    public static PointDto? Write(GeoPoint? point) =>
        point is null ? null : new PointDto { Lat = point.Latitude, Lon = point.Longitude, Approximate = point.Approximate };
}
