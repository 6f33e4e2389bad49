using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PublicPortal.Web.Features.Web;

/// <summary>
/// The body limit of a page that takes file uploads: at most <c>files</c> files of <c>bytesPerFile</c> each, plus
/// <c>fieldBytes</c> for the other fields. It reads the form itself, before antiforgery and model binding do (their
/// answer to a body over a limit is a bare 400 or an exception), and answers a body over the limit, or more files than
/// allowed, with 413 and a Vietnamese message on the error page. Files over 64 KB are buffered to disk, not memory.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitsAttribute(int files, long bytesPerFile, long fieldBytes = 1024 * 1024) : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>The error page shows this item, when set, under its own text.</summary>
    public const string ErrorDetailKey = "portal.error-detail";

    public long MaxRequestBytes => files * bytesPerFile + fieldBytes;

    /// <summary>After authorization (anonymous uploads are sent to sign in unread), before antiforgery (1000), which reads the form.</summary>
    public int Order => 950;

    private string Limits =>
        $"Mỗi lần gửi được tối đa {files} tệp, mỗi tệp tối đa {bytesPerFile / 1024 / 1024} MB (cả lần gửi tối đa {MaxRequestBytes / 1024 / 1024} MB).";

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Result is not null) return;
        var http = context.HttpContext;
        var request = http.Request;
        if (request.ContentLength > MaxRequestBytes)
        {
            Refuse(context, StatusCodes.Status413PayloadTooLarge, $"Nội dung gửi lên ({request.ContentLength / 1024 / 1024} MB) vượt quá giới hạn. {Limits}");
            return;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = MaxRequestBytes;
        if (!request.HasFormContentType) return;
        // The form reader's length limit is per section; the whole body is counted here, whatever server (or test host) runs.
        request.Body = new CountedBody(request.Body, MaxRequestBytes);

        http.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception ex) when (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            || (ex is InvalidDataException && ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)))
        {
            // Kestrel's body limit (a body sent without Content-Length), or one of the form reader's limits.
            Refuse(context, StatusCodes.Status413PayloadTooLarge, $"Nội dung gửi lên vượt quá giới hạn. {Limits}");
            return;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or OperationCanceledException)
        {
            // A malformed multipart body, or the client went away mid-upload.
            Refuse(context, StatusCodes.Status400BadRequest, "Không đọc được nội dung gửi lên (tệp bị cắt ngang hoặc sai định dạng). Hãy thử gửi lại.");
            return;
        }
        if (form.Files.Count > files)
            Refuse(context, StatusCodes.Status413PayloadTooLarge, $"Đã chọn {form.Files.Count} tệp. {Limits}");
    }

    private static void Refuse(AuthorizationFilterContext context, int status, string detail)
    {
        context.HttpContext.Items[ErrorDetailKey] = detail;
        context.Result = new StatusCodeResult(status);
    }

    /// <summary>The request body, read through up to a limit; one byte past it is Kestrel's own 413.</summary>
    private sealed class CountedBody(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
