using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>
/// Serves a public page from the output cache to anonymous readers. The entry varies only by the query keys the page
/// reads (<see cref="QueryKeys"/>): unknown keys, <c>utm_*</c>, empty values and the order of keys make no new entry,
/// and the page builds its links from the same keys (<see cref="KnownQuery"/>), so a cached page never repeats another
/// reader's stray parameters. Signed-in staff neither read nor fill it. The change feed evicts entries by their tags:
/// the page's own (<see cref="Shows"/>, <see cref="Tags"/>) and those the page adds for the items it shows.
/// Used as an attribute on page models and as a policy object on minimal-API endpoints.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class PublicCacheAttribute(params string[] queryKeys) : Attribute, IOutputCachePolicy
{
    /// <summary>How long an entry lives when no change evicts it first (the day's date in the footer, for one).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The query keys the page reads (each argument may hold several, separated by spaces, so a filter can name its
    /// keys in one constant), sorted: the order they are written in the cache key and in links.
    /// </summary>
    public IReadOnlyList<string> QueryKeys { get; } =
        [.. queryKeys.SelectMany(k => k.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Kinds whose every change evicts this page (a list shows its kind).</summary>
    public ContentKind[] Shows { get; init; } = [];

    /// <summary>True for pages that show catalogue names, places, stops and products (every catalogue kind evicts them).</summary>
    public bool ShowsCatalogue { get; init; }

    /// <summary>Other tags the page is evicted by (<see cref="OutputCacheTags.Home"/>, feeds, sitemap, open data, search).</summary>
    public string[] Tags { get; init; } = [];

    /// <summary>The key under which the canonical query is varied (one value, not one per key, so order cannot matter).</summary>
    private const string VaryKey = "q";

    /// <summary>Only the declared keys with a value, sorted by key, exactly as the page reads them (<c>Query[key].ToString()</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> KnownQuery(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var known = new List<KeyValuePair<string, string?>>(QueryKeys.Count);
        if (request.QueryString.HasValue)
        {
            foreach (var key in QueryKeys)
            {
                var value = request.Query[key].ToString();
                if (value.Length > 0) known.Add(KeyValuePair.Create(key, (string?)value));
            }
        }
        return known;
    }

    /// <summary>The query string of <see cref="KnownQuery"/>: what the cache key varies by, and what links on the page repeat.</summary>
    public string CanonicalQuery(HttpRequest request)
    {
        var known = KnownQuery(request);
        return known.Count == 0 ? "" : QueryString.Create(known).ToString();
    }

    /// <summary>The policy of the endpoint serving this request, when it is a cached public page.</summary>
    public static PublicCacheAttribute? Of(HttpContext context) =>
        context?.GetEndpoint()?.Metadata.GetMetadata<PublicCacheAttribute>();

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        // Staff see their own edits at once and their pages carry their own forms: never from the cache, never into it.
        var attempt = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && StringValues.IsNullOrEmpty(request.Headers.Authorization)
            && http.User.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = attempt;
        context.AllowCacheStorage = attempt;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = LifetimeAt(http.RequestServices.GetService<TimeProvider>()?.GetUtcNow().UtcDateTime ?? DateTime.UtcNow);
        context.CacheVaryByRules.VaryByValues[VaryKey] = CanonicalQuery(request);
        foreach (var kind in Shows) context.Tags.Add(OutputCacheTags.Kind(kind));
        if (ShowsCatalogue) foreach (var tag in OutputCacheTags.Catalogue) context.Tags.Add(tag);
        foreach (var tag in Tags) context.Tags.Add(tag);
        // When the page began: a page stored after an eviction it began before is refused (EpochCheckedOutputCacheStore).
        if (http.RequestServices.GetService<OutputCacheEpoch>() is { } epoch) context.Tags.Add(epoch.TagOf(epoch.Current));
        if (attempt)
        {
            // A weak validator for this copy: a reader coming back with it gets 304 until the copy is evicted. Weak,
            // because the live figures written into the page differ from one response to the next. It also names the
            // copy's kept renditions (CachedRenditions). Made here, on every attempt, because the cache takes the
            // headers at the first byte and asks the policy again only after the whole body; a copy served from the
            // cache brings its own and replaces this one.
            http.Response.Headers.ETag = "W/\"" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "\"";
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// How long a copy made now may be served: <see cref="Lifetime"/>, but never past midnight in Vietnam, when OCOP
    /// certificates expire and events pass from "sắp diễn ra" to "đã diễn ra" without any change record to evict them.
    /// </summary>
    public static TimeSpan LifetimeAt(DateTime utcNow)
    {
        var untilMidnight = Content.VietnamTime.StartOfDayUtc(Content.VietnamTime.DayOf(utcNow).AddDays(1)) - utcNow;
        return untilMidnight < Lifetime ? TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(untilMidnight.TotalSeconds))) : Lifetime;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        // A response that sets a cookie belongs to one reader; errors and redirects are not kept (a flood of bad
        // addresses must not fill the cache).
        if (!StringValues.IsNullOrEmpty(response.Headers.SetCookie) || response.StatusCode != StatusCodes.Status200OK)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
