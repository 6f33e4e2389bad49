using Microsoft.AspNetCore.Mvc.Filters;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// The key under which a public page's body is kept once rendered (Razor's &lt;cache vary-by&gt;), so a page served
/// without the output cache (staff, the cache turned off or bypassed) does not render it again until something changes:
/// this generation of published content, the page's address, the query keys it reads (canonical, as the output cache
/// varies) and the day in Vietnam (<see cref="PublishedItems.FragmentKey"/>). Taken before the page's handler reads its
/// data, so a change applied meanwhile leaves the fragment under a key no later request asks for. Only pages marked
/// <see cref="PublicCacheAttribute"/> have one: their bodies are the same for every reader (no tokens, no names).
/// </summary>
public sealed class PageFragments(PublishedItems published, TimeProvider clock) : IAsyncPageFilter
{
    private static readonly object ItemKey = new();

    /// <summary>The key of this request's page body, or null when it must be rendered each time.</summary>
    public static string? Key(HttpContext context) =>
        context is not null && context.Items.TryGetValue(ItemKey, out var key) ? key as string : null;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var request = http.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && PublicCacheAttribute.Of(http) is { } policy)
            http.Items[ItemKey] = published.FragmentKey(request.Path.Value + policy.CanonicalQuery(request), clock.GetUtcNow().UtcDateTime);
        return next();
    }
}
