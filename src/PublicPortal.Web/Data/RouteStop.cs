namespace PublicPortal.Web.Data;

public sealed class RouteStop
{
    /// <summary>"village" or "sight".</summary>
    public required string Kind { get; set; }
    public required string Slug { get; set; }
    public string? Note { get; set; }
    public int? Minutes { get; set; }
}
