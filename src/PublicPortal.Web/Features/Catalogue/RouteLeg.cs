namespace PublicPortal.Web.Features.Catalogue;

/// <summary>A leg between consecutive stops; Km is null when either end has no known position.</summary>
public sealed record RouteLeg(PlannedStop From, PlannedStop To, double? Km)
{
    /// <summary>"1 → 2", as the stop list numbers them.</summary>
    public string Label => $"{From.Number} → {To.Number}";
}
