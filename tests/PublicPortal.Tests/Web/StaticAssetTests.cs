using System.IO.Compression;
using System.Net;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Web;

/// <summary>
/// The site's CSS and scripts reach a reader compressed once, at the smallest size, never per request (issue 16): the
/// copy is a file in the data directory, its bytes are what the reader gets, and it decodes to the file exactly.
/// </summary>
public sealed class StaticAssetTests : IAsyncLifetime
{
    private readonly PortalFactory _site = new();
    private HttpClient _reader = null!;

    public Task InitializeAsync()
    {
        _reader = _site.CreateReader();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string url, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null) request.Headers.AcceptEncoding.ParseAdd(encoding);
        var response = await _reader.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/js/map.js", "text/javascript")]
    [InlineData("/lib/leaflet/leaflet.js", "text/javascript")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task A_reader_who_accepts_brotli_or_gzip_gets_the_copy_compressed_once_and_it_decodes_to_the_file(string url, string type)
    {
        var original = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "wwwroot-assets", url.TrimStart('/')));
        foreach (var (encoding, extension) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            var (response, body) = await GetAsync(url + "?v=abc", "gzip;q=0.8, " + encoding);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            Assert.StartsWith(type, response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
            Assert.NotNull(response.Headers.ETag);

            // The bytes sent are the copy on disk, made once (a second request sends the same file).
            var copy = Path.Combine(_site.DataDirectory, "cache", "assets", url.TrimStart('/') + extension);
            Assert.Equal(await File.ReadAllBytesAsync(copy), body);
            var stamp = File.GetLastWriteTimeUtc(copy);
            var (_, again) = await GetAsync(url, encoding);
            Assert.Equal(body, again);
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(copy));

            using var input = new MemoryStream(body);
            using Stream decoded = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await decoded.CopyToAsync(plain);
            Assert.Equal(original, plain.ToArray());
            Assert.True(body.Length < original.Length);
        }

        var (identity, bytes) = await GetAsync(url, null);
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.Equal(original, bytes);
        Assert.Contains("Accept-Encoding", identity.Headers.Vary);
    }

    [Fact]
    public async Task Images_and_missing_files_are_not_touched()
    {
        var (image, _) = await GetAsync("/lib/leaflet/images/marker-icon.png", "br");
        Assert.Empty(image.Content.Headers.ContentEncoding);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/css/khong-co.css");
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var missing = await _reader.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(File.Exists(Path.Combine(_site.DataDirectory, "cache", "assets", "css", "khong-co.css.br")));
    }
}
