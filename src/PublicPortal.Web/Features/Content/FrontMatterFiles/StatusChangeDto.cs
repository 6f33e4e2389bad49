namespace PublicPortal.Web.Features.Content;

/// <summary>A village's status from a date on.</summary>
public sealed class StatusChangeDto
{
    public string? Status { get; set; }
    public string? Since { get; set; }
}
