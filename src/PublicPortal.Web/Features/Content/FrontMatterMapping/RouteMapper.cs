using PublicPortal.Web.Data;
using static PublicPortal.Web.Features.Content.FrontMatterValues;

namespace PublicPortal.Web.Features.Content;

/// <summary>A tourism route's section: its ordered stops, each a village or a sight.</summary>
internal static class RouteMapper
{
    public static RouteDetails Read(RouteDto r)
    {
        var stops = (r.Stops ?? []).Select((s, i) =>
        {
            if ((s.Village is null) == (s.Sight is null))
                throw new ContentFormatException($"route.stops[{i}] must name exactly one of 'village' or 'sight'");
            if (s.Minutes is < 0 or > 24 * 60) throw new ContentFormatException($"route.stops[{i}].minutes must be 0–1440");
            return new RouteStop
            {
                Kind = s.Village is not null ? "village" : "sight",
                Slug = Slug(s.Village ?? s.Sight, $"route.stops[{i}]")!,
                Note = Optional(s.Note),
                Minutes = s.Minutes,
            };
        }).ToList();
        if (stops.Count < 2) throw new ContentFormatException("a route needs at least two stops");
        return new RouteDetails { Stops = stops, BestSeason = Optional(r.BestSeason), Occasion = Optional(r.Occasion) };
    }

    public static RouteDto Write(RouteDetails r) => new()
    {
        BestSeason = r.BestSeason,
        Occasion = r.Occasion,
        Stops = r.Stops.Select(stop => new StopDto
        {
            Village = stop.Kind == "village" ? stop.Slug : null,
            Sight = stop.Kind == "sight" ? stop.Slug : null,
            Note = stop.Note,
            Minutes = stop.Minutes,
        }).ToList(),
    };
}
