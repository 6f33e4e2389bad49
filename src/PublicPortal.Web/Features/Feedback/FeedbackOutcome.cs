namespace PublicPortal.Web.Features.Feedback;

/// <summary>What became of a valid answer or report.</summary>
public abstract record FeedbackOutcome
{
    public sealed record Accepted : FeedbackOutcome;

    /// <summary>The same sender sent the same thing about the same page within a day: nothing stored.</summary>
    public sealed record Duplicate(DateTime ReceivedAtUtc) : FeedbackOutcome;

    /// <summary>The address has sent <paramref name="Limit"/> in the last <paramref name="WindowMinutes"/> minutes; nothing stored.</summary>
    public sealed record Limited(TimeSpan RetryAfter, int Limit, int WindowMinutes) : FeedbackOutcome;
}
