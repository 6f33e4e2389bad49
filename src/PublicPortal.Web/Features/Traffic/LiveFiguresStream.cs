using System.Buffers;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// The response body of a GET: passes everything through, except that in an HTML page each <see cref="LiveFigures"/>
/// marker is replaced by its figure. The figures are read once, before the first byte (no query once the counter's
/// figures are loaded); a marker split between two writes is held back until its end arrives.
/// </summary>
internal sealed class LiveFiguresStream(HttpContext context, Stream inner, TrafficCounter counter) : Stream
{
    private bool _decided;
    private bool _replacing;
    private byte[]?[] _figures = [];
    private byte[] _held = [];

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
        await inner.FlushAsync(cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await DecideAsync(cancellationToken);
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
            await ReplaceAsync(data, cancellationToken);
        }
        finally
        {
            if (joined is not null) ArrayPool<byte>.Shared.Return(joined);
        }
    }

    /// <summary>Whatever was held back at the end (a marker's beginning that never ended) goes out as it was.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
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
        if (!_replacing) return;
        // The figures change the length of the page.
        if (!response.HasStarted) response.ContentLength = null;
        var summary = await counter.SummaryAsync(cancellationToken);
        // The item the page serves: set by its page model, or carried in the header of a copy from the cache.
        var served = context.Features.Get<ServedItem>() ?? ServedItem.Parse(response.Headers[ServedItem.Header].ToString());
        var views = served is null ? (long?)null : await counter.ViewsAsync(served.Id, cancellationToken);
        _figures = new byte[]?[Enum.GetValues<LiveFigures.Figure>().Length];
        _figures[(int)LiveFigures.Figure.ItemViews] = views is { } v ? Bytes(v) : null;
        _figures[(int)LiveFigures.Figure.Online] = Bytes(summary.Online);
        _figures[(int)LiveFigures.Figure.Today] = Bytes(summary.Today);
        _figures[(int)LiveFigures.Figure.ThisWeek] = Bytes(summary.ThisWeek);
        _figures[(int)LiveFigures.Figure.ThisMonth] = Bytes(summary.ThisMonth);
        _figures[(int)LiveFigures.Figure.Total] = Bytes(summary.Total);
    }

    private static byte[] Bytes(long value) => System.Text.Encoding.UTF8.GetBytes(LiveFigures.Format(value));

    private async ValueTask ReplaceAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
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
                await WriteSliceAsync(data[position..^partial], cancellationToken);
                if (partial > 0) _held = data[^partial..].ToArray();
                return;
            }
            var start = position + found;
            await WriteSliceAsync(data[position..start], cancellationToken);
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
                await WriteSliceAsync(data[start..nameStart], cancellationToken); // not a marker: as it was
                position = nameStart;
                continue;
            }
            var markerEnd = nameStart + end + suffix.Length;
            var figure = LiveFigures.Parse(rest[..end]);
            // A marker for a figure this page has none of (views on a page serving no item) is left out.
            if (figure is { } f) await WriteSliceAsync(_figures[(int)f] ?? [], cancellationToken);
            else await WriteSliceAsync(data[start..markerEnd], cancellationToken);
            position = markerEnd;
        }
    }

    private ValueTask WriteSliceAsync(ReadOnlyMemory<byte> slice, CancellationToken cancellationToken) =>
        slice.IsEmpty ? ValueTask.CompletedTask : inner.WriteAsync(slice, cancellationToken);

    /// <summary>How many bytes at the end of <paramref name="data"/> are the start of a marker's prefix.</summary>
    private static int PartialPrefixLength(ReadOnlySpan<byte> data)
    {
        var prefix = LiveFigures.PrefixBytes;
        for (var length = Math.Min(prefix.Length - 1, data.Length); length > 0; length--)
            if (data[^length..].SequenceEqual(prefix.AsSpan(0, length))) return length;
        return 0;
    }
}
