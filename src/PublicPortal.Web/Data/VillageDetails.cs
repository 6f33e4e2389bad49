namespace PublicPortal.Web.Data;

public sealed class VillageDetails
{
    public VillageType Type { get; set; }
    public VillageStatus Status { get; set; }
    public List<string> Crafts { get; set; } = [];
    public required string Locality { get; set; }
    public GeoPoint? Location { get; set; }
    public string? RecognitionNumber { get; set; }
    public DateOnly? RecognitionDate { get; set; }
    public string? RecognitionIssuer { get; set; }
    public int? FoundedYear { get; set; }
    public string? FoundedNote { get; set; }
    public List<Figure> Figures { get; set; } = [];
    public bool? EnvironmentCompliant { get; set; }
    public bool? OperatingEffectively { get; set; }
    public bool? TrademarkProtected { get; set; }
    public bool? LinkedToTourism { get; set; }
    public string? Contact { get; set; }

    /// <summary>Each status the village has had and the day it began, oldest first; the last is the current <see cref="Status"/>. Restoration is measured from it.</summary>
    public List<StatusChange> StatusHistory { get; set; } = [];
}
