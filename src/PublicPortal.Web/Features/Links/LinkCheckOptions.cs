using System.ComponentModel.DataAnnotations;

namespace PublicPortal.Web.Features.Links;

/// <summary>"Portal:LinkCheck": the background check of links to other sites.</summary>
public sealed class LinkCheckOptions
{
    public const string Section = "Portal:LinkCheck";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the checker looks for links due (new links, and each one again after <see cref="RecheckDays"/>).</summary>
    [Range(1, 86_400)]
    public int PollSeconds { get; set; } = 300;

    /// <summary>At least this long between two requests to one host: a check must never load anyone's server.</summary>
    [Range(0.0, 600.0)]
    public double HostSpacingSeconds { get; set; } = 5;

    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    [Range(1, 365)]
    public int RecheckDays { get; set; } = 7;

    /// <summary>Failed checks in a row before a link is reported broken (a site down for an hour is not).</summary>
    [Range(1, 20)]
    public int FailuresBeforeBroken { get; set; } = 3;

    [Range(1, 10_000)]
    public int MaxPerRound { get; set; } = 200;

    /// <summary>
    /// Off in production: a link to a private, loopback or link-local address is never requested (an editor's link must
    /// not make the server call into its own network) and is reported as unreachable for readers. Tests turn it on to
    /// check against a local server.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }
}
