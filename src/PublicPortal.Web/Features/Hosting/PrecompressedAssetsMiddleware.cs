using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>
/// The site's own text files (CSS, scripts, SVG) are compressed once, at the smallest size, into the data directory
/// (<c>cache/assets/</c>, beside nothing the repository holds), and served from there by the static-file middleware —
/// with its ETag, ranges and HEAD — to readers who accept that encoding. So no static byte is compressed per request,
/// and a reader gets a smaller file than per-request compression (at its fastest level) would make. A copy is made
/// again when its source is newer, written to a temporary file and renamed, so two requests never see half a copy.
/// </summary>
public sealed class PrecompressedAssetsMiddleware
{
    private static readonly HashSet<string> Compressible = new(StringComparer.OrdinalIgnoreCase) { ".css", ".js", ".svg", ".txt", ".json", ".map", ".xml" };

    private readonly RequestDelegate _next;
    private readonly IFileProvider _webRoot;
    private readonly IResponseCompressionProvider _compression;
    private readonly string _directory;
    private readonly StaticFileMiddleware _copies;
    private readonly FileExtensionContentTypeProvider _types = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _making = new(StringComparer.Ordinal);

    // The source date each copy was last made or checked for: a request for an unchanged file touches no copy on disk
    // before the static-file middleware serves it.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _checked = new(StringComparer.Ordinal);

    public PrecompressedAssetsMiddleware(RequestDelegate next, IWebHostEnvironment environment, IResponseCompressionProvider compression,
        PortalPaths paths, ILoggerFactory loggers, Action<HttpContext> prepare)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(paths);
        _next = next;
        _webRoot = environment.WebRootFileProvider;
        _compression = compression;
        _directory = Path.Combine(paths.DataDirectory, "cache", "assets");
        Directory.CreateDirectory(_directory);
        _copies = new StaticFileMiddleware(NotFound, environment, Options.Create(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(_directory),
            ContentTypeProvider = new CopyTypes(_types),
            OnPrepareResponse = ctx =>
            {
                var headers = ctx.Context.Response.Headers;
                headers.ContentEncoding = Path.GetExtension(ctx.File.Name) == ".br" ? "br" : "gzip";
                headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
                prepare(ctx.Context);
            },
        }), loggers);
    }

    /// <summary>Whether a file of the web root is served precompressed to readers who accept it.</summary>
    public static bool IsCompressible(string name) => Compressible.Contains(Path.GetExtension(name));

    private static Task NotFound(HttpContext context)
    {
        context.Items[typeof(PrecompressedAssetsMiddleware)] = true;
        return Task.CompletedTask;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var path = request.Path;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !path.HasValue
            || !IsCompressible(path.Value) || _compression.GetCompressionProvider(context) is not { } encoder
            || encoder.EncodingName is not ("br" or "gzip"))
        {
            await _next(context);
            return;
        }
        var source = _webRoot.GetFileInfo(path.Value);
        if (!source.Exists || source.IsDirectory || source.PhysicalPath is null)
        {
            await _next(context);
            return;
        }
        var copy = path.Value + (encoder.EncodingName == "br" ? ".br" : ".gz");
        await EnsureAsync(source, copy, encoder.EncodingName, context.RequestAborted);
        request.Path = copy;
        try
        {
            await _copies.Invoke(context);
        }
        finally
        {
            request.Path = path;
        }
        if (context.Items.Remove(typeof(PrecompressedAssetsMiddleware)))
        {
            _checked.TryRemove(copy, out _); // the copy went missing: made again on the next request
            await _next(context);
        }
    }

    /// <summary>The compressed copy, made when missing or older than its source (one maker at a time per copy).</summary>
    private async Task EnsureAsync(IFileInfo source, string copy, string encoding, CancellationToken cancellationToken)
    {
        if (_checked.TryGetValue(copy, out var checkedFor) && checkedFor == source.LastModified) return;
        var target = Path.Combine(_directory, copy.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
        if (Fresh(target, source))
        {
            _checked[copy] = source.LastModified;
            return;
        }
        var gate = _making.GetOrAdd(copy, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(target, source))
            {
                _checked[copy] = source.LastModified;
                return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                await using (var input = source.CreateReadStream())
                await using (var output = File.Create(temporary))
                await using (Stream encoded = encoding == "br"
                    ? new BrotliStream(output, CompressionLevel.SmallestSize)
                    : new GZipStream(output, CompressionLevel.SmallestSize))
                {
                    await input.CopyToAsync(encoded, cancellationToken);
                }
                // Dated like its source, so a newer source is seen as such after a restart too.
                File.SetLastWriteTimeUtc(temporary, source.LastModified.UtcDateTime);
                File.Move(temporary, target, overwrite: true);
                _checked[copy] = source.LastModified;
            }
            finally
            {
                if (File.Exists(temporary)) File.Delete(temporary);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Dated like its source, to within the two seconds a coarse file system may round a date to.</summary>
    private static bool Fresh(string target, IFileInfo source) =>
        File.Exists(target) && (File.GetLastWriteTimeUtc(target) - source.LastModified.UtcDateTime).Duration() < TimeSpan.FromSeconds(2);

    /// <summary>A copy's type is its source's: site.css.br is text/css.</summary>
    private sealed class CopyTypes(FileExtensionContentTypeProvider types) : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, out string contentType) =>
            types.TryGetContentType(subpath[..subpath.LastIndexOf('.')], out contentType!);
    }
}
