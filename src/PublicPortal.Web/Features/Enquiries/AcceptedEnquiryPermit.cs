namespace PublicPortal.Web.Features.Enquiries;

/// <summary>
/// The answer of <see cref="AcceptedEnquiryLimit.TakeAsync"/>: granted, or refused with the time until a place frees.
/// A granted permit is given back if the enquiry could not be stored.
/// </summary>
public sealed record AcceptedEnquiryPermit(bool Granted, TimeSpan RetryAfter, string Client, DateTime TakenAtUtc, string? SharedEntry)
{
    public static AcceptedEnquiryPermit Refused(TimeSpan retryAfter) => new(false, retryAfter, "", default, null);
}
