using System.Globalization;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

// Front matter sections of the catalogue kinds: strings for enums and dates, so the file format is ours, not a serializer's.

public sealed class LocalityDto
{
    public string? District { get; set; }
    public string? NewName { get; set; }
    public bool NewNameConfirmed { get; set; }
}

public sealed class CraftDto
{
    public bool Traditional { get; set; }
}

public sealed class PointDto
{
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    public bool Approximate { get; set; }
}

public sealed class FigureDto
{
    public string? Measure { get; set; }
    public int Value { get; set; }
    public int Year { get; set; }
    public bool Approximate { get; set; }
}

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

public sealed class StatusChangeDto
{
    public string? Status { get; set; }
    public string? Since { get; set; }
}

public sealed class ProductDto
{
    public string? Producer { get; set; }
    public string? Locality { get; set; }
    public string? Village { get; set; }
    public int Group { get; set; }
    public string? Subgroup { get; set; }
    public int Stars { get; set; }
    public int? Score { get; set; }
    public string? Level { get; set; }
    public string? DecisionNumber { get; set; }
    public string? DecisionDate { get; set; }
    public bool DecisionDateApproximate { get; set; }
    public string? KnownSince { get; set; }
    public string? CertificateExpiry { get; set; }
    public string? PriceRange { get; set; }
    public string? WhereToBuy { get; set; }
    public string? Contact { get; set; }
}

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

public sealed class StopDto
{
    public string? Village { get; set; }
    public string? Sight { get; set; }
    public string? Note { get; set; }
    public int? Minutes { get; set; }
}

public sealed class RouteDto
{
    public List<StopDto>? Stops { get; set; }
    public string? BestSeason { get; set; }
    public string? Occasion { get; set; }
}

public sealed class PhotoDto
{
    public string? Path { get; set; }
    public string? Alt { get; set; }
    public string? Caption { get; set; }
}

/// <summary>Maps the catalogue sections between front matter and entities, with the checks an editor needs to read.</summary>
public static class CatalogueFrontMatter
{
    private static readonly (string Key, VillageType Value)[] VillageTypes =
        [("craft-village", VillageType.CraftVillage), ("traditional-craft-village", VillageType.TraditionalCraftVillage), ("not-recognised", VillageType.NotRecognised)];

    private static readonly (string Key, VillageStatus Value)[] VillageStatuses =
        [("active", VillageStatus.Active), ("at-risk", VillageStatus.AtRisk), ("paused", VillageStatus.Paused), ("revoked", VillageStatus.Revoked)];

    private static readonly string[] Measures = ["households", "workers", "artisans"];

    public static void Read(ContentItem item, FrontMatterDto dto)
    {
        var sections = new object?[] { dto.Locality, dto.Craft, dto.Village, dto.Product, dto.Sight, dto.Route }.Count(x => x is not null);
        var expected = item.Kind is ContentKind.Locality or ContentKind.Craft or ContentKind.Village or ContentKind.Product or ContentKind.Sight or ContentKind.Route ? 1 : 0;
        if (sections != expected || (expected == 1 && SectionFor(item.Kind, dto) is null))
            throw new ContentFormatException(expected == 1
                ? $"a {ContentKinds.Of(item.Kind).Folder} file needs its '{SectionName(item.Kind)}:' section, and no other"
                : "catalogue sections (village:, product:, …) belong only in catalogue folders");

        item.Photos = (dto.Photos ?? []).Select((p, i) => new Photo
        {
            Path = FrontMatter.MediaPath(p.Path, $"photos[{i}].path") ?? throw new ContentFormatException($"'photos[{i}].path' is required"),
            Alt = FrontMatter.Required(p.Alt, $"photos[{i}].alt"),
            Caption = FrontMatter.Optional(p.Caption),
        }).ToList();

        switch (item.Kind)
        {
            case ContentKind.Locality:
                item.Locality = new LocalityDetails
                {
                    District = FrontMatter.Required(dto.Locality!.District, "locality.district"),
                    NewName = FrontMatter.Optional(dto.Locality.NewName),
                    NewNameConfirmed = dto.Locality.NewNameConfirmed,
                };
                break;
            case ContentKind.Craft:
                item.Craft = new CraftDetails { Traditional = dto.Craft!.Traditional };
                break;
            case ContentKind.Village:
                item.Village = ReadVillage(dto.Village!);
                break;
            case ContentKind.Product:
                item.Product = ReadProduct(dto.Product!);
                break;
            case ContentKind.Sight:
                item.Sight = new SightDetails
                {
                    SightKind = FrontMatter.Required(dto.Sight!.Kind, "sight.kind"),
                    Locality = Slug(dto.Sight.Locality, "sight.locality"),
                    Address = FrontMatter.Optional(dto.Sight.Address),
                    Location = ReadPoint(dto.Sight.Location, "sight.location"),
                    OpeningHours = FrontMatter.Optional(dto.Sight.OpeningHours),
                    Fee = FrontMatter.Optional(dto.Sight.Fee),
                    Access = FrontMatter.Optional(dto.Sight.Access),
                };
                break;
            case ContentKind.Route:
                item.Route = ReadRoute(dto.Route!);
                break;
        }
    }

    public static void Write(ContentItem item, FrontMatterDto dto)
    {
        dto.Photos = item.Photos.Count == 0 ? null : item.Photos.Select(p => new PhotoDto { Path = p.Path, Alt = p.Alt, Caption = p.Caption }).ToList();
        if (item.Locality is { } l) dto.Locality = new LocalityDto { District = l.District, NewName = l.NewName, NewNameConfirmed = l.NewNameConfirmed };
        if (item.Craft is { } c) dto.Craft = new CraftDto { Traditional = c.Traditional };
        if (item.Village is { } v)
        {
            dto.Village = new VillageDto
            {
                Type = VillageTypes.First(t => t.Value == v.Type).Key,
                Status = VillageStatuses.First(s => s.Value == v.Status).Key,
                Crafts = v.Crafts.Count == 0 ? null : [.. v.Crafts],
                Locality = v.Locality,
                Location = WritePoint(v.Location),
                RecognitionNumber = v.RecognitionNumber,
                RecognitionDate = Date(v.RecognitionDate),
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
                    Status = VillageStatuses.First(s => s.Value == h.Status).Key, Since = Date(h.Since),
                }).ToList(),
            };
        }
        if (item.Product is { } p)
        {
            dto.Product = new ProductDto
            {
                Producer = p.Producer, Locality = p.Locality, Village = p.Village, Group = p.Group, Subgroup = p.Subgroup,
                Stars = p.Stars, Score = p.Score, Level = p.Level, DecisionNumber = p.DecisionNumber, DecisionDate = Date(p.DecisionDate),
                DecisionDateApproximate = p.DecisionDateApproximate, KnownSince = Date(p.KnownSince), CertificateExpiry = Date(p.CertificateExpiry),
                PriceRange = p.PriceRange, WhereToBuy = p.WhereToBuy, Contact = p.Contact,
            };
        }
        if (item.Sight is { } s)
        {
            dto.Sight = new SightDto
            {
                Kind = s.SightKind, Locality = s.Locality, Address = s.Address, Location = WritePoint(s.Location), OpeningHours = s.OpeningHours, Fee = s.Fee, Access = s.Access,
            };
        }
        if (item.Route is { } r)
        {
            dto.Route = new RouteDto
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
    }

    private static object? SectionFor(ContentKind kind, FrontMatterDto dto) => kind switch
    {
        ContentKind.Locality => dto.Locality,
        ContentKind.Craft => dto.Craft,
        ContentKind.Village => dto.Village,
        ContentKind.Product => dto.Product,
        ContentKind.Sight => dto.Sight,
        ContentKind.Route => dto.Route,
        _ => null,
    };

    private static string SectionName(ContentKind kind) => kind.ToString().ToLowerInvariant();

    private static VillageDetails ReadVillage(VillageDto v)
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
            Location = ReadPoint(v.Location, "village.location"),
            RecognitionNumber = FrontMatter.Optional(v.RecognitionNumber),
            RecognitionDate = ReadDate(v.RecognitionDate, "village.recognition_date"),
            RecognitionIssuer = FrontMatter.Optional(v.RecognitionIssuer),
            FoundedYear = v.FoundedYear,
            FoundedNote = FrontMatter.Optional(v.FoundedNote),
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
            Contact = FrontMatter.Optional(v.Contact),
            StatusHistory = (v.StatusHistory ?? []).Select((h, i) => new StatusChange
            {
                Status = VillageStatuses.FirstOrDefault(s => s.Key == h.Status) is { Key: not null } hs ? hs.Value
                    : throw new ContentFormatException($"village.status_history[{i}].status must be one of: {string.Join(", ", VillageStatuses.Select(s => s.Key))}"),
                Since = ReadDate(h.Since, $"village.status_history[{i}].since") ?? throw new ContentFormatException($"village.status_history[{i}].since is required"),
            }).OrderBy(h => h.Since).ToList(),
        };
    }

    private static ProductDetails ReadProduct(ProductDto p)
    {
        if (p.Group is < 1 or > 6) throw new ContentFormatException("product.group must be 1–6 (the six OCOP groups of Quyết định 148/QĐ-TTg)");
        if (p.Stars is < 3 or > 5) throw new ContentFormatException("product.stars must be 3, 4 or 5");
        if (p.Score is < 0 or > 100) throw new ContentFormatException("product.score must be 0–100");
        return new ProductDetails
        {
            Producer = Required(p.Producer, "product.producer"),
            Locality = Slug(Required(p.Locality, "product.locality"), "product.locality")!,
            Village = Slug(p.Village, "product.village"),
            Group = p.Group,
            Subgroup = FrontMatter.Optional(p.Subgroup),
            Stars = p.Stars,
            Score = p.Score,
            Level = FrontMatter.Optional(p.Level),
            DecisionNumber = FrontMatter.Optional(p.DecisionNumber),
            DecisionDate = ReadDate(p.DecisionDate, "product.decision_date"),
            DecisionDateApproximate = p.DecisionDateApproximate,
            KnownSince = ReadDate(p.KnownSince, "product.known_since"),
            CertificateExpiry = ReadDate(p.CertificateExpiry, "product.certificate_expiry"),
            PriceRange = FrontMatter.Optional(p.PriceRange),
            WhereToBuy = FrontMatter.Optional(p.WhereToBuy),
            Contact = FrontMatter.Optional(p.Contact),
        };
    }

    private static RouteDetails ReadRoute(RouteDto r)
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
                Note = FrontMatter.Optional(s.Note),
                Minutes = s.Minutes,
            };
        }).ToList();
        if (stops.Count < 2) throw new ContentFormatException("a route needs at least two stops");
        return new RouteDetails { Stops = stops, BestSeason = FrontMatter.Optional(r.BestSeason), Occasion = FrontMatter.Optional(r.Occasion) };
    }

    private static GeoPoint? ReadPoint(PointDto? point, string key)
    {
        if (point is null) return null;
        if (point.Lat is not { } lat || point.Lon is not { } lon || lat is < -90 or > 90 || lon is < -180 or > 180)
            throw new ContentFormatException($"'{key}' needs lat (−90…90) and lon (−180…180)");
        return new GeoPoint { Latitude = lat, Longitude = lon, Approximate = point.Approximate };
    }

    private static PointDto? WritePoint(GeoPoint? point) =>
        point is null ? null : new PointDto { Lat = point.Latitude, Lon = point.Longitude, Approximate = point.Approximate };

    private static string Required(string? value, string key) => FrontMatter.Required(value, key);

    private static string? Slug(string? value, string key)
    {
        var slug = FrontMatter.Optional(value);
        if (slug is not null && !VietnameseText.IsValidSlug(slug)) throw new ContentFormatException($"'{key}' must be a slug, not '{slug}'");
        return slug;
    }

    private static DateOnly? ReadDate(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ContentFormatException($"'{key}' must be a date written as yyyy-MM-dd, not '{value}'");
    }

    private static string? Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
