namespace PublicPortal.Web.Features.Content;

// A catalogue section of the front matter: strings for enums and dates, so the file format is ours, not a serializer's.
public sealed class LocalityDto
{
    public string? District { get; set; }
    public string? NewName { get; set; }
    public bool NewNameConfirmed { get; set; }
}
