using System.ComponentModel.DataAnnotations;

namespace PublicPortal.Web.Features.Mail;

/// <summary>"Portal:Smtp": the mail server the portal sends through. Without a host, nothing is sent and messages are only listed in the admin.</summary>
public sealed class MailOptions
{
    public const string Section = "Portal:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>"auto" (STARTTLS when offered), "starttls" (required), "ssl" (TLS from the start) or "none".</summary>
    [RegularExpression("^(auto|starttls|ssl|none)$")]
    public string Security { get; set; } = "auto";

    public string? UserName { get; set; }
    public string? Password { get; set; }

    [Required, EmailAddress]
    public string From { get; set; } = "no-reply@localhost";

    public string FromName { get; set; } = "Cổng thông tin làng nghề Bình Thuận";

    /// <summary>How often the sender looks for messages to send (a new message also wakes it).</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 15;

    /// <summary>Tries before a message is left unsent (shown with its error in the admin).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Hour of the daily digest, Vietnam time.</summary>
    [Range(0, 23)]
    public int DigestHour { get; set; } = 7;

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}
