using System.Buffers;
using System.IO.Compression;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>
/// Holds what is written (a page: tens of kilobytes) and compresses it in one call when the response ends; a body that
/// grows past <see cref="HoldLimit"/> (a national open-data file) is streamed through a <see cref="BrotliStream"/> from
/// there on, so memory stays bounded. Leaves the output open, as the framework's providers do.
/// </summary>
internal sealed class WholeBodyBrotliStream(Stream output) : Stream
{
    /// <summary>Brotli's fastest two-pass quality: see <see cref="WholeBodyBrotliCompressionProvider"/>.</summary>
    public const int Quality = 1;
    public const int Window = 22;
    public const int HoldLimit = 512 * 1024;

    private byte[] _held = ArrayPool<byte>.Shared.Rent(32 * 1024);
    private int _length;
    private BrotliStream? _streaming;
    private bool _finished;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_finished;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_streaming is null && !Hold(buffer)) StartStreaming();
        _streaming?.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_streaming is null && !Hold(buffer.Span)) StartStreaming();
        return _streaming is null ? ValueTask.CompletedTask : _streaming.WriteAsync(buffer, cancellationToken);
    }

    // A held page goes out whole at the end; only a streamed body has anything to flush.
    public override void Flush() => _streaming?.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _streaming?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>False when <paramref name="buffer"/> would take the held body past the limit.</summary>
    private bool Hold(ReadOnlySpan<byte> buffer)
    {
        if (_length + buffer.Length > HoldLimit) return false;
        if (_length + buffer.Length > _held.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_held.Length * 2, _length + buffer.Length));
            _held.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_held);
            _held = larger;
        }
        buffer.CopyTo(_held.AsSpan(_length));
        _length += buffer.Length;
        return true;
    }

    private void StartStreaming()
    {
        _streaming = new BrotliStream(output, new BrotliCompressionOptions { Quality = Quality }, leaveOpen: true);
        _streaming.Write(_held, 0, _length);
        Release();
    }

    private byte[] CompressHeld(out int written)
    {
        var compressed = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(_length));
        if (!BrotliEncoder.TryCompress(_held.AsSpan(0, _length), compressed, out written, Quality, Window))
        {
            ArrayPool<byte>.Shared.Return(compressed);
            throw new InvalidOperationException("Brotli could not compress a body into its maximum compressed length.");
        }
        return compressed;
    }

    private void Release()
    {
        if (_held.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_held);
        _held = [];
        _length = 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished)
        {
            _finished = true;
            if (_streaming is not null)
            {
                _streaming.Dispose();
            }
            else
            {
                var compressed = CompressHeld(out var written);
                try
                {
                    output.Write(compressed, 0, written);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(compressed);
                    Release();
                }
            }
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            _finished = true;
            if (_streaming is not null)
            {
                await _streaming.DisposeAsync();
            }
            else
            {
                var compressed = CompressHeld(out var written);
                try
                {
                    await output.WriteAsync(compressed.AsMemory(0, written));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(compressed);
                    Release();
                }
            }
        }
        await base.DisposeAsync(); // the rest of disposal; the body is already finished
    }
}
