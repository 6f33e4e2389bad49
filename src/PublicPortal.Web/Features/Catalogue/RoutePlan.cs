using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>
/// A route resolved against the catalogue: its stops in order, per-leg great-circle distances, and the time estimate.
/// A total is only given when every leg is known: a sum that silently skips the missing legs reads as the whole trip
/// (a 70 km day trip shown as 0.8 km), so an incomplete route gets no total distance and no travel time.
/// </summary>
public sealed record RoutePlan(IReadOnlyList<PlannedStop> Stops, IReadOnlyList<RouteLeg> Legs)
{
    public IReadOnlyList<RouteLeg> UnknownLegList => Legs.Where(l => l.Km is null).ToList();
    public int UnknownLegs => Legs.Count(l => l.Km is null);

    /// <summary>True when every leg has both ends located (a one-stop route has no legs and nothing to travel).</summary>
    public bool Complete => UnknownLegs == 0;

    /// <summary>Straight-line distance over all legs, or null when any leg is unknown.</summary>
    public double? TotalKm => Complete ? Legs.Sum(l => l.Km!.Value) : null;

    /// <summary>Travel time over all legs rounded to 5 minutes, or null when any leg is unknown.</summary>
    public int? DrivingMinutes => TotalKm is { } km ? RoundToFive(Geo.DrivingMinutes(km)) : null;

    public int StopMinutes => Stops.Sum(s => s.Stop.Minutes ?? 0);

    /// <summary>Stops plus travel, or null when travel cannot be estimated.</summary>
    public int? TotalMinutes => DrivingMinutes is { } driving ? StopMinutes + driving : null;

    public IReadOnlyList<PlannedStop> Located => Stops.Where(s => s.Location is not null).ToList();
    public int LeftOut => Stops.Count - Located.Count;

    /// <summary>"chưa tính được: 2 chặng chưa có vị trí (1 → 2, 2 → 3)".</summary>
    public string MissingText => $"chưa tính được: {UnknownLegs} chặng chưa có vị trí ({string.Join(", ", UnknownLegList.Select(l => l.Label))})";

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

    /// <summary>An estimate to the nearest 5 minutes (never 0 for a trip that moves at all): finer would claim a precision it lacks.</summary>
    public static int RoundToFive(int minutes) => minutes <= 0 ? 0 : Math.Max(5, (int)Math.Round(minutes / 5.0, MidpointRounding.AwayFromZero) * 5);

    public static string Duration(int minutes) =>
        minutes < 60 ? $"{minutes} phút" : minutes % 60 == 0 ? $"{minutes / 60} giờ" : $"{minutes / 60} giờ {minutes % 60} phút";

    /// <summary>Rounded to 0.1 km under 10 km and to 1 km above.</summary>
    public static string Km(double km)
    {
        var rounded = RoundKm(km);
        return rounded.ToString(rounded < 10 ? "0.0" : "0", PublicPortal.Web.Features.Content.VietnameseText.Culture) + " km";
    }

    public static double RoundKm(double km) => Math.Round(km, km < 10 ? 1 : 0, MidpointRounding.AwayFromZero);
}
