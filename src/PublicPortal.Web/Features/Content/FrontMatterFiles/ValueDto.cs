namespace PublicPortal.Web.Features.Content;

/// <summary>One year's figure of a target's indicator.</summary>
public sealed class ValueDto
{
    public int Year { get; set; }
    public decimal? Value { get; set; }
    public string? Source { get; set; }
    public string? SourceUrl { get; set; }
    public string? Updated { get; set; }
}
