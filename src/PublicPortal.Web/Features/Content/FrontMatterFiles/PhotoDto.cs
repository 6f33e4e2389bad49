namespace PublicPortal.Web.Features.Content;

/// <summary>A photo of the item's gallery.</summary>
public sealed class PhotoDto
{
    public string? Path { get; set; }
    public string? Alt { get; set; }
    public string? Caption { get; set; }
}
