namespace PublicPortal.Web.Features.Traffic;

public sealed class TrafficOptions
{
    public const string Section = "Portal:Traffic";

    /// <summary>
    /// Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: addresses ("10.0.0.2") or networks
    /// ("10.0.0.0/24"). Empty means the connection's own address and scheme.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Believe any X-Forwarded-For: only behind a proxy that always sets it (and in tests).</summary>
    public bool TrustAllProxies { get; set; }

    /// <summary>Off only to measure what counting costs (the traffic benchmark).</summary>
    public bool Enabled { get; set; } = true;
}
