namespace PublicPortal.Web.Features.Content;

/// <summary>A task a plan assigns to an agency.</summary>
public sealed class TaskDto
{
    public int Number { get; set; }
    public string? Text { get; set; }
    public string? Agency { get; set; }
    public string? Status { get; set; }
    public string? Topic { get; set; }
}
