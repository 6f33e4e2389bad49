namespace PublicPortal.Web.Data;

/// <summary>
/// A link from the portal's published content to another site, and what the link checker last found there. One row
/// per address, however many items use it (<see cref="ExternalLinkUse"/>), so each address is requested once.
/// </summary>
public sealed class ExternalLink
{
    public int Id { get; set; }
    public required string Url { get; set; }

    /// <summary>Host and port, lower case: requests to one host are spaced.</summary>
    public required string Host { get; set; }

    public LinkState State { get; set; }

    /// <summary>The HTTP status of the last answer; null when there was none (timeout, no such host…).</summary>
    public int? StatusCode { get; set; }

    /// <summary>What went wrong, in Vietnamese, for the report.</summary>
    public string? Problem { get; set; }

    /// <summary>Failed checks in a row: a site down for an hour is not a broken link, one down three times is.</summary>
    public int Failures { get; set; }

    public DateTime? CheckedAtUtc { get; set; }
    public DateTime NextCheckAtUtc { get; set; }

    /// <summary>When it was first found broken (the report's oldest first).</summary>
    public DateTime? BrokenSinceUtc { get; set; }
}

/// <summary>One published item linking to one address, with the link's text.</summary>
public sealed class ExternalLinkUse
{
    public int ExternalLinkId { get; set; }
    public int ContentItemId { get; set; }
    public required string Text { get; set; }
}

public enum LinkState
{
    /// <summary>Not checked yet.</summary>
    Unchecked,
    Ok,

    /// <summary>Failed fewer times in a row than it takes to call it broken; tried again sooner.</summary>
    Failing,

    /// <summary>Gone (404, 410), failed several times in a row, or to an address readers cannot reach (a private network).</summary>
    Broken,

    /// <summary>The site refuses automated checks (401, 403, 429): a person has to look.</summary>
    Blocked,
}

public static class ExternalLinkLimits
{
    public const int Url = 1000;
    public const int Host = 260;
    public const int Text = 200;
    public const int Problem = 300;
}
