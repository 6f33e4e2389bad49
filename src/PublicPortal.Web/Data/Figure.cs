namespace PublicPortal.Web.Data;

public sealed class Figure
{
    /// <summary>households, workers or artisans.</summary>
    public required string Measure { get; set; }
    public int Value { get; set; }
    public int Year { get; set; }
    public bool Approximate { get; set; }
}
