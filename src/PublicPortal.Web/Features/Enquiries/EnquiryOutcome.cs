namespace PublicPortal.Web.Features.Enquiries;

/// <summary>What became of a valid enquiry.</summary>
public abstract record EnquiryOutcome
{
    public sealed record Accepted(string Reference) : EnquiryOutcome;

    /// <summary>The same enquiry was received within a day: nothing stored, the earlier reference given again.</summary>
    public sealed record Duplicate(string? Reference, DateTime ReceivedAtUtc) : EnquiryOutcome;

    /// <summary>The address has sent <paramref name="Limit"/> enquiries in the last <paramref name="WindowMinutes"/> minutes; nothing stored.</summary>
    public sealed record Limited(TimeSpan RetryAfter, int Limit, int WindowMinutes) : EnquiryOutcome;
}
