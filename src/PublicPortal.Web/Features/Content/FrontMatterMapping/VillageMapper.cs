using PublicPortal.Web.Data;
using static PublicPortal.Web.Features.Content.FrontMatterValues;

namespace PublicPortal.Web.Features.Content;

/// <summary>A craft village's section: its recognition, status and its history, figures and the programme's criteria.</summary>
internal static class VillageMapper
{
    private static readonly (string Key, VillageType Value)[] VillageTypes =
        [("craft-village", VillageType.CraftVillage), ("traditional-craft-village", VillageType.TraditionalCraftVillage), ("not-recognised", VillageType.NotRecognised)];

    private static readonly (string Key, VillageStatus Value)[] VillageStatuses =
        [("active", VillageStatus.Active), ("at-risk", VillageStatus.AtRisk), ("paused", VillageStatus.Paused), ("revoked", VillageStatus.Revoked)];

    private static readonly string[] Measures = ["households", "workers", "artisans"];

    public static VillageDetails Read(VillageDto v)
    {
        var village = ReadVillageFields(v);
        if (village.StatusHistory.Count > 0 && village.StatusHistory[^1].Status != village.Status)
            throw new ContentFormatException("the last village.status_history entry must be the current village.status");
        return village;
    }

    private static VillageDetails ReadVillageFields(VillageDto v)
    {
        var type = Required(v.Type, "village.type");
        var status = Required(v.Status, "village.status");
        return new VillageDetails
        {
            Type = VillageTypes.FirstOrDefault(t => t.Key == type) is { Key: not null } tt ? tt.Value
                : throw new ContentFormatException($"village.type '{type}' must be one of: {string.Join(", ", VillageTypes.Select(t => t.Key))}"),
            Status = VillageStatuses.FirstOrDefault(s => s.Key == status) is { Key: not null } ss ? ss.Value
                : throw new ContentFormatException($"village.status '{status}' must be one of: {string.Join(", ", VillageStatuses.Select(s => s.Key))}"),
            Crafts = (v.Crafts ?? []).Select((c, i) => Slug(c, $"village.crafts[{i}]")!).ToList(),
            Locality = Slug(Required(v.Locality, "village.locality"), "village.locality")!,
            Location = GeoPointMapper.Read(v.Location, "village.location"),
            RecognitionNumber = Optional(v.RecognitionNumber),
            RecognitionDate = ParseDate(v.RecognitionDate, "village.recognition_date"),
            RecognitionIssuer = Optional(v.RecognitionIssuer),
            FoundedYear = v.FoundedYear,
            FoundedNote = Optional(v.FoundedNote),
            Figures = (v.Figures ?? []).Select((f, i) => new Figure
            {
                Measure = Measures.Contains(f.Measure) ? f.Measure! : throw new ContentFormatException($"village.figures[{i}].measure must be one of: {string.Join(", ", Measures)}"),
                Value = f.Value >= 0 ? f.Value : throw new ContentFormatException($"village.figures[{i}].value cannot be negative"),
                Year = f.Year is >= 1900 and <= 2100 ? f.Year : throw new ContentFormatException($"village.figures[{i}].year must be the year of the figure"),
                Approximate = f.Approximate,
            }).ToList(),
            EnvironmentCompliant = v.EnvironmentCompliant,
            OperatingEffectively = v.OperatingEffectively,
            TrademarkProtected = v.TrademarkProtected,
            LinkedToTourism = v.LinkedToTourism,
            Contact = Optional(v.Contact),
            StatusHistory = (v.StatusHistory ?? []).Select((h, i) => new StatusChange
            {
                Status = VillageStatuses.FirstOrDefault(s => s.Key == h.Status) is { Key: not null } hs ? hs.Value
                    : throw new ContentFormatException($"village.status_history[{i}].status must be one of: {string.Join(", ", VillageStatuses.Select(s => s.Key))}"),
                Since = ParseDate(h.Since, $"village.status_history[{i}].since") ?? throw new ContentFormatException($"village.status_history[{i}].since is required"),
            }).OrderBy(h => h.Since).ToList(),
        };
    }

    public static VillageDto Write(VillageDetails v) => new()
    {
        Type = VillageTypes.First(t => t.Value == v.Type).Key,
        Status = VillageStatuses.First(s => s.Value == v.Status).Key,
        Crafts = v.Crafts.Count == 0 ? null : [.. v.Crafts],
        Locality = v.Locality,
        Location = GeoPointMapper.Write(v.Location),
        RecognitionNumber = v.RecognitionNumber,
        RecognitionDate = FormatDate(v.RecognitionDate),
        RecognitionIssuer = v.RecognitionIssuer,
        FoundedYear = v.FoundedYear,
        FoundedNote = v.FoundedNote,
        Figures = v.Figures.Count == 0 ? null : v.Figures.Select(f => new FigureDto { Measure = f.Measure, Value = f.Value, Year = f.Year, Approximate = f.Approximate }).ToList(),
        EnvironmentCompliant = v.EnvironmentCompliant,
        OperatingEffectively = v.OperatingEffectively,
        TrademarkProtected = v.TrademarkProtected,
        LinkedToTourism = v.LinkedToTourism,
        Contact = v.Contact,
        StatusHistory = v.StatusHistory.Count == 0 ? null : v.StatusHistory.Select(h => new StatusChangeDto
        {
            Status = VillageStatuses.First(s => s.Value == h.Status).Key, Since = FormatDate(h.Since),
        }).ToList(),
    };
}
