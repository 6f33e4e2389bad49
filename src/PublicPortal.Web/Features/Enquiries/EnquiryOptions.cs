using System.ComponentModel.DataAnnotations;

namespace PublicPortal.Web.Features.Enquiries;

public sealed class EnquiryOptions
{
    public const string Section = "Portal:Enquiry";

    /// <summary>Accepted enquiries one client address may send per window (invalid and duplicate posts do not count).</summary>
    [Range(1, 1000)]
    public int PermitLimit { get; set; } = 5;

    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 10;

    /// <summary>
    /// Working days within which the agency undertakes to answer, when it has decided one; the thank-you page then states it.
    /// Unset, the page promises no time.
    /// </summary>
    [Range(1, 60)]
    public int? ReplyWithinWorkingDays { get; set; }
}
