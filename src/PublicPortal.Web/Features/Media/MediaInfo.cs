namespace PublicPortal.Web.Features.Media;

/// <summary>What a page needs to show a library image: its size (for width/height, so nothing shifts) and its alt text.</summary>
public sealed record MediaInfo(string Hash, string Format, int Width, int Height, string? Alt, bool Decorative, string? Caption)
{
    /// <summary>Alt text written, or decorative by decision: only then may a public page use it.</summary>
    public bool Usable => Decorative || !string.IsNullOrWhiteSpace(Alt);
}
