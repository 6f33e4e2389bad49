using System.Net;
using System.Net.Sockets;

namespace PublicPortal.Web.Features.Links;

/// <summary>
/// Whether an address is on the public internet, and a connect step that refuses the others. It runs for every
/// connection the checker opens, redirects included, on the address actually connected to, so a name that resolves
/// to an internal address (or is switched to one after a first look) is never reached.
/// </summary>
public static class PublicAddress
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224 // this network, private, loopback, multicast and reserved
                || b[0] == 100 && b[1] >= 64 && b[1] < 128 // shared address space (carrier NAT)
                || b[0] == 169 && b[1] == 254 // link-local, where cloud metadata services answer
                || b[0] == 172 && b[1] >= 16 && b[1] < 32
                || b[0] == 192 && b[1] == 168
                || b[0] == 192 && b[1] == 0 && b[2] == 0
                || b[0] == 198 && (b[1] == 18 || b[1] == 19));
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            // An IPv4 address carried inside (NAT64 64:ff9b::/96 and 64:ff9b:1::/48, the old IPv4-compatible ::a.b.c.d)
            // reaches that IPv4 address: it is judged as one.
            if (b[0] == 0 && b.AsSpan(1, 11).IndexOfAnyExcept((byte)0) < 0
                || b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && (b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 || b[4] == 0 && b[5] == 1))
                return IsPublic(new IPAddress(b.AsSpan(12, 4)));
            // Otherwise only global unicast (2000::/3), without tunnels that could lead inside (6to4, Teredo).
            return (b[0] & 0xE0) == 0x20 && !address.IsIPv6Teredo && !(b[0] == 0x20 && b[1] == 0x02);
        }
        return false;
    }

    /// <summary>The connect step of the checker's handler: resolves the name, keeps the allowed addresses, connects to one of them.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(bool allowPrivate) => async (context, cancellationToken) =>
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToArray();
        if (allowed.Length == 0) throw new PrivateAddressException(host);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}

/// <summary>The link leads to an address inside a private network: readers cannot open it, and the checker does not.</summary>
public sealed class PrivateAddressException(string host) : IOException($"{host} is not a public address")
{
    public string Host { get; } = host;
}
