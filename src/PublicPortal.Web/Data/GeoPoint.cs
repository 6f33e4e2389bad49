namespace PublicPortal.Web.Data;

public sealed class GeoPoint
{
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    /// <summary>Rough position (about ±1 km); shown as "khoảng".</summary>
    public bool Approximate { get; set; }
}
