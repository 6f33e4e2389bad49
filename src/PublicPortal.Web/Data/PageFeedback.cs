namespace PublicPortal.Web.Data;

/// <summary>
/// A reader's word about one public page (the GOV.UK pattern): "was this page useful?" answered yes or no, or a report
/// of what is wrong on it, with an optional way to reply. Reports wait in the staff inbox until handled.
/// </summary>
public sealed class PageFeedback
{
    public int Id { get; set; }

    /// <summary>The page's path on this site ("/lang-nghe/gom-binh-duc"), without query.</summary>
    public required string Path { get; set; }

    /// <summary>The yes/no answer; null on a report of a problem.</summary>
    public bool? Useful { get; set; }

    /// <summary>What is wrong (a report); null on a yes/no answer.</summary>
    public string? Message { get; set; }

    public string? Contact { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public bool Handled { get; set; }

    /// <summary>Hash of sender, page, answer and normalised words: the same post sent again is refused.</summary>
    public required string Fingerprint { get; set; }
}

public static class PageFeedbackLimits
{
    public const int Path = 300;
    public const int Message = 1200;
    public const int Contact = 120;
    public const int Fingerprint = 64;
}
