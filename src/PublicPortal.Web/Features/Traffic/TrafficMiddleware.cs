using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// Counts a page view after the response is known to be a successful public HTML page. It sits before any output
/// cache, so a cached page still counts, and it never sets a cookie.
/// </summary>
public sealed class TrafficMiddleware(RequestDelegate next, TrafficCounter counter)
{
    private static readonly string[] NotPages = ["/api/", "/quan-tri", "/loi/", "/healthz", "/dang-nhap"];

    /// <summary>
    /// Without async/await when the rest of the pipeline and the counting finish at once (a page from the output cache
    /// usually does): an awaiting frame here was a heap allocation on every request of the site.
    /// </summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // GET and HEAD: both can be answered from the cache, whose copy carries the item header.
        TakeServedItemOnStart(context);
        var rest = next(context);
        if (!rest.IsCompletedSuccessfully) return CountAfterAsync(rest, context);
        var counting = Count(context);
        return counting.IsCompletedSuccessfully ? Task.CompletedTask : counting.AsTask();
    }

    private async Task CountAfterAsync(Task rest, HttpContext context)
    {
        await rest;
        await Count(context);
    }

    /// <summary>
    /// The item travels in a header so that a copy from the output cache still says which item it is; it is taken off
    /// here, as the headers are sent, after the cache has kept its copy.
    /// </summary>
    /// <summary>Takes the item header off a GET or HEAD response as it starts (also when counting is off: it is internal).</summary>
    internal static void TakeServedItemOnStart(HttpContext context)
    {
        // GET and HEAD: both can be answered from the cache, whose copy carries the item header.
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) context.Response.OnStarting(TakeServedItem, context);
    }

    private static readonly Func<object, Task> TakeServedItem = static state =>
    {
        var context = (HttpContext)state;
        if (context.Response.Headers.Remove(ServedItem.Header, out var value) && context.Features.Get<ServedItem>() is null
            && ServedItem.Parse(value.ToString()) is { } served)
            context.Features.Set(served);
        return Task.CompletedTask;
    };

    private ValueTask Count(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || context.Response.StatusCode != StatusCodes.Status200OK) return ValueTask.CompletedTask;
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.Ordinal) != true) return ValueTask.CompletedTask;
        var path = request.Path.Value ?? "/";
        foreach (var prefix in NotPages)
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return ValueTask.CompletedTask;
        if (IsPrefetch(request)) return ValueTask.CompletedTask;
        if (context.User.Identity?.IsAuthenticated == true) return ValueTask.CompletedTask; // staff checking their own pages are not readers
        var userAgent = request.Headers.UserAgent.ToString();
        if (TrafficCounter.IsBot(userAgent))
        {
            counter.RecordBot();
            return ValueTask.CompletedTask;
        }
        return counter.RecordPageViewAsync(context.Connection.RemoteIpAddress, userAgent, context.Features.Get<ServedItem>(), ReferrerDomain(request), context.RequestAborted);
    }

    /// <summary>The other site a visitor came from, as a bare domain ("www." dropped); null for none, for this site, or for junk.</summary>
    public static string? ReferrerDomain(HttpRequest request)
    {
        var referer = request.Headers.Referer.ToString();
        if (referer.Length == 0 || !Uri.TryCreate(referer, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
        var host = uri.IdnHost.ToLowerInvariant();
        if (host.Length is 0 or > 100 || string.Equals(host, request.Host.Host, StringComparison.OrdinalIgnoreCase)) return null;
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static bool IsPrefetch(HttpRequest request)
    {
        foreach (var header in PrefetchHeaders)
            if (request.Headers.TryGetValue(header, out var value) && value.ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static readonly string[] PrefetchHeaders = ["Sec-Purpose", "Purpose", "X-Moz"];
}
