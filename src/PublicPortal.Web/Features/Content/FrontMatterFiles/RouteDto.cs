namespace PublicPortal.Web.Features.Content;

// A catalogue section of the front matter: strings for enums and dates, so the file format is ours, not a serializer's.
public sealed class RouteDto
{
    public List<StopDto>? Stops { get; set; }
    public string? BestSeason { get; set; }
    public string? Occasion { get; set; }
}
