namespace PublicPortal.Web.Features.Content;

/// <summary>A source an item cites.</summary>
public sealed class SourceDto
{
    public string? Title { get; set; }
    public string? Url { get; set; }
}
