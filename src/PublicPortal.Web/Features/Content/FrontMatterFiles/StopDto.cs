namespace PublicPortal.Web.Features.Content;

/// <summary>A stop of a route: a village or a sight.</summary>
public sealed class StopDto
{
    public string? Village { get; set; }
    public string? Sight { get; set; }
    public string? Note { get; set; }
    public int? Minutes { get; set; }
}
