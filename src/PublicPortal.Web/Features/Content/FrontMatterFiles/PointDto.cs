namespace PublicPortal.Web.Features.Content;

/// <summary>A position on the map, marked when it is only approximate.</summary>
public sealed class PointDto
{
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    public bool Approximate { get; set; }
}
