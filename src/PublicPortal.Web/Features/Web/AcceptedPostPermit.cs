namespace PublicPortal.Web.Features.Web;

/// <summary>
/// The answer of <see cref="AcceptedPostLimit.TakeAsync"/>: granted, or refused with the time until a place frees.
/// A granted permit is given back if the post could not be stored.
/// </summary>
public sealed record AcceptedPostPermit(bool Granted, TimeSpan RetryAfter, string Client, DateTime TakenAtUtc, string? SharedEntry)
{
    public static AcceptedPostPermit Refused(TimeSpan retryAfter) => new(false, retryAfter, "", default, null);
}
