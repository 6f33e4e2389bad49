using System.Buffers;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// The response body of a GET: passes everything through, except that in an HTML page each <see cref="LiveFigures"/>
/// marker is replaced by its figure. The figures are read once, before the first byte (<see cref="LiveFiguresSource"/>:
/// no query once the counter's figures are loaded); a marker split between two writes is held back until its end arrives.
/// A copy from the output cache (a cached public page with its ETag) is instead taken whole and sent as its
/// rendition for this encoding and these figures (<see cref="CachedRenditions"/>): found, or made once and kept.
/// </summary>
internal sealed class LiveFiguresStream(
    HttpContext context, Stream inner, LiveFiguresSource source, CachedRenditions renditions, IResponseCompressionProvider compression) : Stream
{
    private bool _decided;
    private bool _replacing;
    private byte[]?[] _figures = [];
    private byte[] _held = [];

    // For a cached copy: its ETag, whether its type is compressed at all, the encoding this reader gets, and the
    // rendition found, or the body being collected to make one.
    private string? _etag;
    private bool _compressible;
    private ICompressionProvider? _encoder;
    private CachedRenditions.Rendition? _found;
    private MemoryStream? _collected;

    /// <summary>Nothing goes out before the end: the response starts when the rendition is sent.</summary>
    public bool Whole => _found is not null || _collected is not null;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DecideAsync(cancellationToken);
        if (!Whole) await inner.FlushAsync(cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await DecideAsync(cancellationToken);
        if (_found is not null) return; // the copy's bytes are already in its rendition
        if (_collected is { } collected)
        {
            if (collected.Length + buffer.Length <= renditions.MaxBodyBytes)
            {
                collected.Write(buffer.Span);
                return;
            }
            // Larger than the cache keeps: what was collected goes out as it would have without a rendition.
            _collected = null;
            await PassAsync(collected.GetBuffer().AsMemory(0, (int)collected.Length), cancellationToken);
        }
        await PassAsync(buffer, cancellationToken);
    }

    private async ValueTask PassAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!_replacing)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            return;
        }
        byte[]? joined = null;
        var data = buffer;
        if (_held.Length > 0)
        {
            joined = ArrayPool<byte>.Shared.Rent(_held.Length + buffer.Length);
            _held.CopyTo(joined, 0);
            buffer.CopyTo(joined.AsMemory(_held.Length));
            data = joined.AsMemory(0, _held.Length + buffer.Length);
            _held = [];
        }
        try
        {
            await ReplaceAsync(data, inner, cancellationToken);
        }
        finally
        {
            if (joined is not null) ArrayPool<byte>.Shared.Return(joined);
        }
    }

    /// <summary>
    /// A cached copy's rendition goes out whole, with its length; otherwise whatever was held back at the end (a
    /// marker's beginning that never ended) goes out as it was.
    /// </summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_found is { } found)
        {
            await SendAsync(found.Body, cancellationToken);
            return;
        }
        if (_collected is { } collected)
        {
            _collected = null;
            var rendition = await RenderAsync(collected, cancellationToken);
            renditions.Keep(_etag!, _encoder?.EncodingName ?? "identity", rendition);
            await SendAsync(rendition.Body, cancellationToken);
            return;
        }
        if (_held.Length == 0) return;
        var held = _held;
        _held = [];
        await inner.WriteAsync(held, cancellationToken);
    }

    /// <summary>Before the headers go: is this an HTML page, and if so, what are the figures now.</summary>
    public async ValueTask DecideAsync(CancellationToken cancellationToken)
    {
        if (_decided) return;
        _decided = true;
        var response = context.Response;
        _replacing = response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
        // A copy the output cache serves or stores carries the ETag its policy gave it (PublicCacheAttribute).
        if (!response.HasStarted && response.StatusCode == StatusCodes.Status200OK && response.Headers.ETag is [{ Length: > 0 } etag]
            && PublicCacheAttribute.Of(context) is not null)
        {
            _etag = etag;
        }
        if (!_replacing && _etag is null) return;
        // The figures change the length of the page (a rendition sets its own).
        if (!response.HasStarted) response.ContentLength = null;
        if (_replacing)
        {
            // The item the page serves: set by its page model, or carried in the header of a copy from the cache.
            var served = context.Features.Get<ServedItem>() ?? ServedItem.Parse(response.Headers[ServedItem.Header].ToString());
            _figures = await source.FiguresAsync(served?.Id, cancellationToken);
        }
        if (_etag is null) return;
        // The same choice compression would make for this reader, made here because the rendition is kept compressed.
        _compressible = compression.ShouldCompressResponse(context);
        _encoder = _compressible ? compression.GetCompressionProvider(context) : null;
        _found = renditions.Find(_etag, _encoder?.EncodingName ?? "identity", _figures);
        if (_found is null) _collected = new MemoryStream();
    }

    /// <summary>The collected copy with its figures, compressed for this reader's encoding.</summary>
    private async Task<CachedRenditions.Rendition> RenderAsync(MemoryStream collected, CancellationToken cancellationToken)
    {
        var data = collected.GetBuffer().AsMemory(0, (int)collected.Length);
        using var output = new MemoryStream(_encoder is null ? data.Length + 64 : data.Length / 4 + 64);
        var encoded = _encoder?.CreateStream(output); // leaves output open: disposing it writes the last block
        await using (encoded)
        {
            var target = encoded ?? output;
            if (_replacing)
            {
                await ReplaceAsync(data, target, cancellationToken);
                if (_held.Length > 0) await target.WriteAsync(_held, cancellationToken);
                _held = [];
            }
            else
            {
                await target.WriteAsync(data, cancellationToken);
            }
        }
        return new CachedRenditions.Rendition(_figures, output.ToArray());
    }

    private async Task SendAsync(byte[] body, CancellationToken cancellationToken)
    {
        var headers = context.Response.Headers;
        // What compression would have said; its own middleware then leaves an encoded body alone.
        if (_compressible) headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        if (_encoder is not null) headers.ContentEncoding = _encoder.EncodingName;
        context.Response.ContentLength = body.Length;
        await inner.WriteAsync(body, cancellationToken);
    }

    private async ValueTask ReplaceAsync(ReadOnlyMemory<byte> data, Stream target, CancellationToken cancellationToken)
    {
        var prefix = LiveFigures.PrefixBytes;
        var suffix = LiveFigures.SuffixBytes;
        var position = 0;
        while (position < data.Length)
        {
            var found = data.Span[position..].IndexOf(prefix);
            if (found < 0)
            {
                // The end may be the first bytes of a marker: hold those back.
                var partial = PartialPrefixLength(data.Span[position..]);
                await WriteSliceAsync(target, data[position..^partial], cancellationToken);
                if (partial > 0) _held = data[^partial..].ToArray();
                return;
            }
            var start = position + found;
            await WriteSliceAsync(target, data[position..start], cancellationToken);
            var nameStart = start + prefix.Length;
            var rest = data.Span[nameStart..];
            var window = rest[..Math.Min(rest.Length, LiveFigures.MaxMarkerLength)];
            var end = window.IndexOf(suffix);
            if (end < 0)
            {
                if (rest.Length < LiveFigures.MaxMarkerLength)
                {
                    _held = data[start..].ToArray(); // its end is in the next write
                    return;
                }
                await WriteSliceAsync(target, data[start..nameStart], cancellationToken); // not a marker: as it was
                position = nameStart;
                continue;
            }
            var markerEnd = nameStart + end + suffix.Length;
            var figure = LiveFigures.Parse(rest[..end]);
            // A marker for a figure this page has none of (views on a page serving no item) is left out.
            if (figure is { } f) await WriteSliceAsync(target, _figures[(int)f] ?? [], cancellationToken);
            else await WriteSliceAsync(target, data[start..markerEnd], cancellationToken);
            position = markerEnd;
        }
    }

    private static ValueTask WriteSliceAsync(Stream target, ReadOnlyMemory<byte> slice, CancellationToken cancellationToken) =>
        slice.IsEmpty ? ValueTask.CompletedTask : target.WriteAsync(slice, cancellationToken);

    /// <summary>How many bytes at the end of <paramref name="data"/> are the start of a marker's prefix.</summary>
    private static int PartialPrefixLength(ReadOnlySpan<byte> data)
    {
        var prefix = LiveFigures.PrefixBytes;
        for (var length = Math.Min(prefix.Length - 1, data.Length); length > 0; length--)
            if (data[^length..].SequenceEqual(prefix.AsSpan(0, length))) return length;
        return 0;
    }
}
