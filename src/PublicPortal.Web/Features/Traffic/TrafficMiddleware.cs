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
        if (HttpMethods.IsGet(context.Request.Method)) context.Response.OnStarting(TakeServedItem, context);
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

/// <summary>Writes the counts every second, and once more when the site stops.</summary>
internal sealed class TrafficFlusher(TrafficCounter counter) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await counter.FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await counter.FlushAsync(CancellationToken.None);
    }
}

public sealed record TrafficSummary(int Online, long Today, long ThisWeek, long ThisMonth, long Total);

/// <summary>The figures of the counter box: stored days plus what is still in memory.</summary>
public sealed class TrafficReader(PortalDbContext db, TrafficCounter counter, IMemoryCache cache)
{
    private sealed record Stored(IReadOnlyList<(DateOnly Day, long Visits)> Recent, long Total);

    public async Task<TrafficSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        var today = counter.Today;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var from = monday < firstOfMonth ? monday : firstOfMonth;
        // Stored figures change only when the counter writes: read them once per write, not on every page.
        var stored = await cache.GetOrCreateAsync(("traffic-summary", counter.FlushCount, from), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            var recent = await db.DailyTraffic.AsNoTracking().Where(x => x.Day >= from).Select(x => new { x.Day, x.Visits }).ToListAsync(cancellationToken);
            var total = await db.DailyTraffic.SumAsync(x => x.Visits, cancellationToken);
            return new Stored(recent.Select(x => (x.Day, x.Visits)).ToList(), total);
        });
        long Since(DateOnly day) => stored!.Recent.Where(x => x.Day >= day).Sum(x => x.Visits) + counter.PendingSince(day, TrafficCounter.Measure.Visits);
        return new TrafficSummary(counter.Online, Since(today), Since(monday), Since(firstOfMonth), stored!.Total + counter.PendingTotal(TrafficCounter.Measure.Visits));
    }
}

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

public static class TrafficRegistration
{
    public static WebApplicationBuilder AddVisitorCounter(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(TrafficOptions.Section).Get<TrafficOptions>() ?? new TrafficOptions();
        builder.Services.AddSingleton<TrafficCounter>();
        builder.Services.AddScoped<TrafficReader>();
        builder.Services.AddScoped<ViewCounts>();
        builder.Services.AddScoped<TrafficReport>();
        builder.Services.AddHostedService<TrafficFlusher>();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // The scheme too: behind a TLS-terminating proxy, HTTPS redirection, HSTS and Secure cookies depend on it.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured proxies: not ASP.NET's default loopback (empty lists would mean any sender, as TrustAllProxies wants).
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in options.TrustedProxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal)) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy.Trim()));
                else o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy.Trim()));
            }
        });
        return builder;
    }

    /// <summary>
    /// First in the pipeline, so everything after it (HTTPS redirection, HSTS, rate limits, counting) sees the client's
    /// address and scheme; only when a proxy is configured as trusted, otherwise anyone could choose their own.
    /// </summary>
    public static WebApplication UseTrustedForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Configuration.GetSection(TrafficOptions.Section).Get<TrafficOptions>() ?? new TrafficOptions();
        if (options.TrustAllProxies || options.TrustedProxies.Count > 0) app.UseForwardedHeaders();
        return app;
    }

    public static WebApplication UseVisitorCounter(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Configuration.GetSection(TrafficOptions.Section).Get<TrafficOptions>() ?? new TrafficOptions();
        if (options.Enabled) app.UseMiddleware<TrafficMiddleware>();
        return app;
    }
}
