namespace PublicPortal.Web.Features.Content;

// A catalogue section of the front matter: strings for enums and dates, so the file format is ours, not a serializer's.
public sealed class VillageDto
{
    public string? Type { get; set; }
    public string? Status { get; set; }
    public List<string>? Crafts { get; set; }
    public string? Locality { get; set; }
    public PointDto? Location { get; set; }
    public string? RecognitionNumber { get; set; }
    public string? RecognitionDate { get; set; }
    public string? RecognitionIssuer { get; set; }
    public int? FoundedYear { get; set; }
    public string? FoundedNote { get; set; }
    public List<FigureDto>? Figures { get; set; }
    public bool? EnvironmentCompliant { get; set; }
    public bool? OperatingEffectively { get; set; }
    public bool? TrademarkProtected { get; set; }
    public bool? LinkedToTourism { get; set; }
    public string? Contact { get; set; }
    public List<StatusChangeDto>? StatusHistory { get; set; }
}
