namespace PublicPortal.Web.Features.Content;

/// <summary>A village's yearly figure (households, workers, artisans).</summary>
public sealed class FigureDto
{
    public string? Measure { get; set; }
    public int Value { get; set; }
    public int Year { get; set; }
    public bool Approximate { get; set; }
}
