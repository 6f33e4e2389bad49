using System.ComponentModel.DataAnnotations;

namespace PublicPortal.Web.Features.Feedback;

public sealed class FeedbackOptions
{
    public const string Section = "Portal:Feedback";

    /// <summary>Accepted answers and reports one client address may send per window (invalid and duplicate posts do not count).</summary>
    [Range(1, 1000)]
    public int PermitLimit { get; set; } = 10;

    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 10;
}
