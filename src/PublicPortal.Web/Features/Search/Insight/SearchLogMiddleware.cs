using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Search;

/// <summary>
/// Counts a reader's search on /tim-kiem: first pages without filters (the words typed, not their refinements), by
/// readers (no staff, no robots). It sits before the output cache, so a cached answer counts too: the results page
/// says how many it found in a header that the cached copy keeps and this takes off before it is sent.
/// </summary>
public sealed class SearchLogMiddleware(RequestDelegate next, SearchLog log)
{
    public const string TotalHeader = "X-Portal-Search-Total";
    private static readonly object TotalKey = new();

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !string.Equals(request.Path.Value?.TrimEnd('/'), SiteLinks.Search, StringComparison.OrdinalIgnoreCase)) return next(context);
        // Taken off every answer of the page (a HEAD's too), counted for GETs only.
        context.Response.OnStarting(TakeTotal, context);
        return HttpMethods.IsGet(request.Method) ? CountAfterAsync(context) : next(context);
    }

    private static readonly Func<object, Task> TakeTotal = static state =>
    {
        Take((HttpContext)state);
        return Task.CompletedTask;
    };

    private static void Take(HttpContext context)
    {
        if (context.Response.Headers.Remove(TotalHeader, out var value)
            && int.TryParse(value.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var total))
            context.Items[TotalKey] = total;
    }

    private async Task CountAfterAsync(HttpContext context)
    {
        await next(context);
        // A short page may still be in the server's buffer, not started: its headers are here to take.
        if (!context.Response.HasStarted) Take(context);
        if (context.Response.StatusCode != StatusCodes.Status200OK || context.Items[TotalKey] is not int total) return;
        var query = context.Request.Query;
        // The words typed, not a refinement of them: no later page, no filter, not "Tìm chính xác" after a correction.
        if (query.ContainsKey("loai") || query.ContainsKey("huyen") || query.ContainsKey(Pages.Search.IndexModel.AsTypedKey)
            || query["page"].ToString() is { Length: > 0 } page && page != "1") return;
        if (context.User.Identity?.IsAuthenticated == true || Traffic.TrafficCounter.IsBot(context.Request.Headers.UserAgent.ToString())) return;
        log.Record(query["q"].ToString(), total);
    }
}
