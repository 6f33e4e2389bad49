using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Catalogue;

public static class Geo
{
    private const double EarthRadiusKm = 6371.0088; // mean radius (IUGG)

    /// <summary>Great-circle distance by the haversine formula.</summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(b.Latitude - a.Latitude);
        var dLon = Rad(b.Longitude - a.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(a.Latitude)) * Math.Cos(Rad(b.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Roads are longer than the straight line; a factor of 1.3 at an average 40 km/h is the estimate the pages state.</summary>
    public const double RoadFactor = 1.3;
    public const double AverageSpeedKmh = 40;

    public static int DrivingMinutes(double straightKm) => (int)Math.Round(straightKm * RoadFactor / AverageSpeedKmh * 60);
}
