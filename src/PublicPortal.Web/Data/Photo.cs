namespace PublicPortal.Web.Data;

public sealed class Photo
{
    public required string Path { get; set; }
    public required string Alt { get; set; }
    public string? Caption { get; set; }
}
