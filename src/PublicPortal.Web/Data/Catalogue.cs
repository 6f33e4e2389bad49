namespace PublicPortal.Web.Data;

// Catalogue details hang off ContentItem as JSON documents, one per kind: the catalogue is small (tens to hundreds
// of rows), its shapes differ per kind, and pages filter it in memory after one query.

public sealed class LocalityDetails
{
    /// <summary>District or town before the July 2025 reorganisation ("Huyện Bắc Bình").</summary>
    public required string District { get; set; }

    /// <summary>The post-July-2025 unit where known ("Xã Bắc Bình").</summary>
    public string? NewName { get; set; }

    /// <summary>False while the new name comes from an unofficial source.</summary>
    public bool NewNameConfirmed { get; set; }
}

public sealed class CraftDetails
{
    public bool Traditional { get; set; }
}

public enum VillageType
{
    CraftVillage = 1,
    TraditionalCraftVillage = 2,
    NotRecognised = 3,
}

public enum VillageStatus
{
    Active = 1,
    AtRisk = 2,
    Paused = 3,
    Revoked = 4,
}

public sealed class GeoPoint
{
    public double Latitude { get; set; }
    public double Longitude { get; set; }

    /// <summary>Rough position (about ±1 km); shown as "khoảng".</summary>
    public bool Approximate { get; set; }
}

public sealed class Figure
{
    /// <summary>households, workers or artisans.</summary>
    public required string Measure { get; set; }
    public int Value { get; set; }
    public int Year { get; set; }
    public bool Approximate { get; set; }
}

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

/// <summary>From <see cref="Since"/>, the village was in <see cref="Status"/>.</summary>
public sealed class StatusChange
{
    public VillageStatus Status { get; set; }
    public DateOnly Since { get; set; }
}

public sealed class ProductDetails
{
    public required string Producer { get; set; }
    public required string Locality { get; set; }
    public string? Village { get; set; }

    /// <summary>1–6, the six groups of Quyết định 148/QĐ-TTg.</summary>
    public int Group { get; set; }
    public string? Subgroup { get; set; }
    public int Stars { get; set; }
    public int? Score { get; set; }

    /// <summary>Who rated it: "cấp tỉnh", "cấp huyện".</summary>
    public string? Level { get; set; }
    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }

    /// <summary>When the decision date is only the announcement date of the round.</summary>
    public bool DecisionDateApproximate { get; set; }

    /// <summary>When the decision date is unknown: the earliest day a source shows the product rated (a press report).</summary>
    public DateOnly? KnownSince { get; set; }
    public DateOnly? CertificateExpiry { get; set; }
    public string? PriceRange { get; set; }
    public string? WhereToBuy { get; set; }
    public string? Contact { get; set; }
}

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

public sealed class RouteStop
{
    /// <summary>"village" or "sight".</summary>
    public required string Kind { get; set; }
    public required string Slug { get; set; }
    public string? Note { get; set; }
    public int? Minutes { get; set; }
}

public sealed class RouteDetails
{
    public List<RouteStop> Stops { get; set; } = [];
    public string? BestSeason { get; set; }
    public string? Occasion { get; set; }
}

public sealed class Photo
{
    public required string Path { get; set; }
    public required string Alt { get; set; }
    public string? Caption { get; set; }
}
