using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Catalogue;

public sealed record PlannedStop(int Number, RouteStop Stop, ContentItem Target, GeoPoint? Location);

/// <summary>A leg between consecutive stops; Km is null when either end has no known position.</summary>
public sealed record RouteLeg(PlannedStop From, PlannedStop To, double? Km);

/// <summary>A route resolved against the catalogue: its stops in order, per-leg great-circle distances, and the time estimate.</summary>
public sealed record RoutePlan(IReadOnlyList<PlannedStop> Stops, IReadOnlyList<RouteLeg> Legs)
{
    public double KnownKm => Legs.Sum(l => l.Km ?? 0);
    public int UnknownLegs => Legs.Count(l => l.Km is null);
    public int StopMinutes => Stops.Sum(s => s.Stop.Minutes ?? 0);
    public int DrivingMinutes => Geo.DrivingMinutes(KnownKm);
    public int TotalMinutes => StopMinutes + DrivingMinutes;
    public IReadOnlyList<PlannedStop> Located => Stops.Where(s => s.Location is not null).ToList();

    public static RoutePlan Of(ContentItem route, CatalogueSnapshot catalogue)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(catalogue);
        var stops = new List<PlannedStop>();
        foreach (var stop in route.Route?.Stops ?? [])
        {
            // A stop whose village or sight is unpublished is left out rather than shown as a dead link.
            if (catalogue.StopTarget(stop) is { } target)
                stops.Add(new PlannedStop(stops.Count + 1, stop, target, catalogue.LocationOf(target)));
        }
        var legs = stops.Zip(stops.Skip(1), (a, b) =>
            new RouteLeg(a, b, a.Location is not null && b.Location is not null ? Geo.DistanceKm(a.Location, b.Location) : null)).ToList();
        return new RoutePlan(stops, legs);
    }

    public static string Duration(int minutes) =>
        minutes < 60 ? $"{minutes} phút" : minutes % 60 == 0 ? $"{minutes / 60} giờ" : $"{minutes / 60} giờ {minutes % 60} phút";

    public static string Km(double km) => km.ToString(km < 10 ? "0.0" : "0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + " km";
}
