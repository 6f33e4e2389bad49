namespace PublicPortal.Web.Data;

public sealed class SightDetails
{
    public required string SightKind { get; set; }
    public string? Locality { get; set; }
    public string? Address { get; set; }
    public GeoPoint? Location { get; set; }
    public string? OpeningHours { get; set; }
    public string? Fee { get; set; }

    /// <summary>How to get there where that is the question (boats to an island, jeeps into the dunes).</summary>
    public string? Access { get; set; }
}
