using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// The response body as the rest of the pipeline sees it: <see cref="LiveFiguresStream"/>, and a pipe writer over it
/// made only when someone writes through one. Completing it flushes nothing that was never written, so a response
/// with no body is not started here and an error page can still be written in its place.
/// </summary>
internal sealed class LiveFiguresBodyFeature(LiveFiguresStream stream, IHttpResponseBodyFeature prior) : IHttpResponseBodyFeature
{
    private PipeWriter? _writer;

    public Stream Stream => stream;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));

    public void DisableBuffering() => prior.DisableBuffering();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await stream.DecideAsync(cancellationToken);
        if (!stream.Whole) await prior.StartAsync(cancellationToken); // a rendition starts the response when it is sent
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(stream, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        if (_writer is not null) await _writer.CompleteAsync();
        await stream.FinishAsync(CancellationToken.None);
    }
}
