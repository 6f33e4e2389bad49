using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.ResponseCompression;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// Writes the live figures into every HTML page as it leaves (<see cref="LiveFigures"/>). It sits outside the output
/// cache and inside compression: the cache keeps the page with its markers, compression gets the page with figures
/// — except for a copy from the cache, which leaves already compressed, as its kept rendition.
/// </summary>
public sealed class LiveFiguresMiddleware(RequestDelegate next, LiveFiguresSource source, CachedRenditions renditions, IResponseCompressionProvider compression)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // HEAD has no body; other methods answer forms and files, which show no figures.
        return HttpMethods.IsGet(context.Request.Method) ? ReplacingAsync(context) : next(context);
    }

    private async Task ReplacingAsync(HttpContext context)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var stream = new LiveFiguresStream(context, original.Stream, source, renditions, compression);
        var feature = new LiveFiguresBodyFeature(stream, original);
        context.Features.Set<IHttpResponseBodyFeature>(feature);
        try
        {
            await next(context);
            await feature.CompleteAsync(); // what was written through the pipe writer, and anything held back, goes out
        }
        finally
        {
            context.Features.Set(original);
        }
    }
}
