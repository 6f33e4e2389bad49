using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace PublicPortal.Web.Features.Web;

/// <summary>What every rate limit of the site shares: who a client is, and how a refusal reads.</summary>
public static class RateLimits
{
    /// <summary>
    /// The partition of a client address: an IPv4 address as it is (also when written IPv4-mapped), an IPv6 address by
    /// its /64 — one subscriber gets a whole /64 and can pick any address in it, so per-address IPv6 limits limit nothing.
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>A fixed window of requests per client (see <see cref="ClientKey"/>).</summary>
    public static RateLimitPartition<string> PerClient(HttpContext http, int permitLimit, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(http);
        return RateLimitPartition.GetFixedWindowLimiter(ClientKey(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = window,
            QueueLimit = 0,
        });
    }

    /// <summary>
    /// A fixed window per client that every node shares when there are several (<see cref="SharedRateLimits"/>), this
    /// node's own otherwise: for posts that guard accounts and inboxes. <paramref name="policy"/> keeps limits apart.
    /// </summary>
    public static RateLimitPartition<string> SharedPerClient(HttpContext http, string policy, int permitLimit, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetService<SharedRateLimits>() is { } shared
            ? shared.FixedWindow(policy + ":" + ClientKey(http.Connection.RemoteIpAddress), permitLimit, window)
            : PerClient(http, permitLimit, window);
    }

    /// <summary>Retry-After in whole seconds, at least one.</summary>
    public static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
