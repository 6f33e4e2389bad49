using System.Net;
using Microsoft.AspNetCore.Http;

namespace PublicPortal.Tests.Support;

/// <summary>A request built by hand on the test server, for what a client cannot set: the peer's address, the host, the scheme.</summary>
public static class RawRequest
{
    /// <summary>The host these requests name; a site that receives them has it as its public origin (or host filtering refuses them).</summary>
    public const string Origin = "https://portal.example";

    public static Task<HttpContext> SendAsync(PortalFactory factory, string pathAndQuery, string peer, Action<HttpRequest>? configure = null, string method = "GET", string scheme = "https") =>
        factory.Server.SendAsync(context =>
        {
            var request = context.Request;
            request.Method = method;
            request.Scheme = scheme;
            request.Host = new HostString("portal.example");
            var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
            request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
            request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
            context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            configure?.Invoke(request);
        });

    public static async Task<string> BodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Response.Body);
        return await reader.ReadToEndAsync();
    }
}
