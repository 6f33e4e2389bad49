namespace PublicPortal.Web.Data;

public sealed class RouteDetails
{
    public List<RouteStop> Stops { get; set; } = [];
    public string? BestSeason { get; set; }
    public string? Occasion { get; set; }
}
