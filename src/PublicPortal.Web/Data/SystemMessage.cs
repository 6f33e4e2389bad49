namespace PublicPortal.Web.Data;

/// <summary>
/// A message the portal sends its staff (an item waits for review, an item was sent back, a buyer's enquiry, a reader's
/// report, the daily digest). Written in the same transaction as what it tells of; sent by e-mail when SMTP is
/// configured, and always listed in the admin's "Hộp thư hệ thống".
/// </summary>
public sealed class SystemMessage
{
    public long Id { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>What it is about (<see cref="MessageTopics"/>), so a flood of enquiries makes one message, not one each.</summary>
    public required string Topic { get; set; }
    public DateTime? SentAtUtc { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAtUtc { get; set; }
    public string? LastError { get; set; }
}

public static class MessageTopics
{
    public const string Review = "review";
    public const string Returned = "returned";
    public const string Enquiry = "enquiry";
    public const string Feedback = "feedback";
    public const string Digest = "digest";
}
