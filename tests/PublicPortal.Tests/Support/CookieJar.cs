using System.Net.Http.Headers;

namespace PublicPortal.Tests.Support;

/// <summary>
/// One browser's cookies, shared by clients that reach the same site by different ways (through the proxy over https,
/// or straight to a node over loopback as the proxy does). Unlike <see cref="System.Net.CookieContainer"/> it sends
/// Secure cookies over the loopback hop too, which is what the proxy in front of the nodes does on the browser's behalf.
/// </summary>
public sealed class CookieJar
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public HttpMessageHandler Handler(HttpMessageHandler inner) => new JarHandler(this, inner);

    public bool Has(string name)
    {
        lock (_lock) return _cookies.ContainsKey(name);
    }

    private void Remember(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Set-Cookie", out var values)) return;
        lock (_lock)
        {
            foreach (var value in values)
            {
                var pair = value.Split(';')[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0) continue;
                var (name, content) = (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
                // A cookie set empty or already expired is the site deleting it.
                var expired = value.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || content.Length == 0;
                if (expired) _cookies.Remove(name);
                else _cookies[name] = content;
            }
        }
    }

    private string? Header()
    {
        lock (_lock) return _cookies.Count == 0 ? null : string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));
    }

    private sealed class JarHandler(CookieJar jar, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (jar.Header() is { } cookies) request.Headers.TryAddWithoutValidation("Cookie", cookies);
            var response = await base.SendAsync(request, cancellationToken);
            jar.Remember(response.Headers);
            return response;
        }
    }
}
