namespace PublicPortal.Web.Features.Content;

// A catalogue section of the front matter: strings for enums and dates, so the file format is ours, not a serializer's.
public sealed class SightDto
{
    public string? Kind { get; set; }
    public string? Locality { get; set; }
    public string? Address { get; set; }
    public PointDto? Location { get; set; }
    public string? OpeningHours { get; set; }
    public string? Fee { get; set; }
    public string? Access { get; set; }
}
