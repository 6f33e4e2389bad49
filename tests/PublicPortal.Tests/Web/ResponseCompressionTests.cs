using System.IO.Compression;
using System.Net;
using System.Text;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Tests.Web;

/// <summary>
/// Pages compressed as they are served leave in one brotli call once complete (issue 16: the streaming encoder turned
/// each of Razor's writes and flushes into a block of its own): what a reader decodes is the page, whether it came
/// from the cache or not, and a body too long to hold is streamed and still decodes whole.
/// </summary>
public sealed class ResponseCompressionTests
{
    private static async Task<(HttpResponseMessage Response, string Html)> GetAsync(HttpClient reader, string url, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (encoding is not null) request.Headers.AcceptEncoding.ParseAdd(encoding);
        var response = await reader.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (encoding == "br")
        {
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
            await using var decoded = new BrotliStream(new MemoryStream(body), CompressionMode.Decompress);
            using var text = new StreamReader(decoded, Encoding.UTF8);
            return (response, await text.ReadToEndAsync());
        }
        Assert.Empty(response.Content.Headers.ContentEncoding);
        return (response, Encoding.UTF8.GetString(body));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task A_page_in_brotli_decodes_to_the_page_itself(string outputCache)
    {
        await using var site = new PortalFactory { Settings = { ["Portal:OutputCache:Enabled"] = outputCache } };
        var reader = site.CreateReader();
        foreach (var url in new[] { "/", "/tin-tuc", "/lang-nghe", "/tim-kiem?q=gom", "/rss.xml", "/api/villages" })
        {
            var (_, plain) = await GetAsync(reader, url, null);
            var (_, decoded) = await GetAsync(reader, url, "br");
            // The counter box may have moved on between the two requests; everything before it is the same page.
            var end = plain.Contains("footer-traffic", StringComparison.Ordinal) ? plain.IndexOf("footer-traffic", StringComparison.Ordinal) : plain.Length;
            Assert.True(decoded.Length >= end, url);
            Assert.Equal(plain[..end], decoded[..end]);
            Assert.EndsWith(plain.TrimEnd()[^12..], decoded.TrimEnd(), StringComparison.Ordinal);
        }
    }

    private static byte[] Decode(byte[] compressed)
    {
        using var decoded = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        decoded.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Text(int bytes)
    {
        var builder = new StringBuilder();
        for (var i = 0; builder.Length < bytes; i++) builder.Append("<li>Làng nghề số ").Append(i).Append(" — gốm, dệt thổ cẩm, bánh tráng</li>\n");
        return Encoding.UTF8.GetBytes(builder.ToString())[..bytes];
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17_000)]
    [InlineData(WholeBodyBrotliStream.HoldLimit)]
    [InlineData(WholeBodyBrotliStream.HoldLimit * 3 + 123)]
    public async Task Written_in_pieces_with_flushes_between_the_body_decodes_whole(int size)
    {
        var body = Text(size);
        var output = new MemoryStream();
        var stream = new WholeBodyBrotliStream(output);
        var sentBeforeTheEnd = 0L;
        for (var at = 0; at < size; at += 4_000)
        {
            var piece = body.AsMemory(at, Math.Min(4_000, size - at));
            if (at % 8_000 == 0) await stream.WriteAsync(piece); else stream.Write(piece.Span);
            await stream.FlushAsync();
            sentBeforeTheEnd = output.Length;
        }
        await stream.DisposeAsync();

        Assert.Equal(body, Decode(output.ToArray()));
        // A body within the limit is held and sent in one piece at the end; a longer one streams, so memory stays bounded.
        if (size <= WholeBodyBrotliStream.HoldLimit) Assert.Equal(0, sentBeforeTheEnd);
        else Assert.True(sentBeforeTheEnd > 0);
        Assert.True(output.CanWrite, "the response body is left open");
    }
}
