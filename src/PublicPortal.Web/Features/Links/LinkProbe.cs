using System.Net;
using System.Net.Sockets;

namespace PublicPortal.Web.Features.Links;

/// <summary>
/// One look at an address: HEAD first (no body is sent), then GET (headers only) when HEAD is refused or fails, as many
/// servers answer HEAD wrongly. Redirects are followed here, up to <see cref="MaxRedirects"/>, so that every request,
/// a redirect's too, waits for its host's turn (<paramref name="turn"/>) and says when it is over (<paramref name="done"/>),
/// so the spacing runs from the end of one request to the start of the next; each has its own timeout.
/// </summary>
public sealed class LinkProbe(HttpClient http, TimeSpan timeout, Func<string, CancellationToken, Task> turn, Action<string> done)
{
    /// <param name="Status">The final HTTP status (after redirects); null when no answer came.</param>
    /// <param name="Failure">Why no answer came, in Vietnamese.</param>
    /// <param name="Private">The address is inside a private network: not requested.</param>
    public sealed record Result(int? Status, string? Failure, bool Private = false);

    public async Task<Result> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var head = await RequestAsync(HttpMethod.Head, url, cancellationToken);
        if (head.Private || head.Status is >= 200 and < 400) return head;
        var get = await RequestAsync(HttpMethod.Get, url, cancellationToken);
        return get.Status is null && head.Status is not null ? head : get;
    }

    public const int MaxRedirects = 5;

    private async Task<Result> RequestAsync(HttpMethod method, Uri url, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            var (result, next) = await RequestOnceAsync(method, url, cancellationToken);
            if (next is null) return result;
            if (redirects == MaxRedirects) return new Result(null, $"Chuyển hướng quá {MaxRedirects} lần");
            url = next;
        }
    }

    /// <returns>The answer, or where it redirects to (http or https only).</returns>
    private async Task<(Result Result, Uri? Next)> RequestOnceAsync(HttpMethod method, Uri url, CancellationToken cancellationToken)
    {
        await turn(url.Authority, cancellationToken);
        try
        {
            return await SendAsync(method, url, cancellationToken);
        }
        finally
        {
            done(url.Authority);
        }
    }

    private async Task<(Result Result, Uri? Next)> SendAsync(HttpMethod method, Uri url, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(method, url);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location
                && Uri.TryCreate(url, location, out var next) && next.Scheme is "http" or "https")
                return (new Result(status, null), next);
            return (new Result(status, null), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (new Result(null, $"Không trả lời trong {timeout.TotalSeconds:0} giây"), null);
        }
        catch (HttpRequestException ex) when (Inner<PrivateAddressException>(ex) is not null)
        {
            return (new Result(null, "Địa chỉ trong mạng nội bộ: bạn đọc không mở được", Private: true), null);
        }
        catch (HttpRequestException ex)
        {
            return (new Result(null, ex.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "Không có tên miền này",
                HttpRequestError.SecureConnectionError => "Lỗi kết nối bảo mật (chứng chỉ HTTPS)",
                HttpRequestError.ConnectionError when Inner<SocketException>(ex)?.SocketErrorCode == SocketError.ConnectionRefused => "Máy chủ từ chối kết nối",
                HttpRequestError.ConnectionError => "Không kết nối được máy chủ",
                _ => "Không mở được trang",
            }), null);
        }
    }

    private static T? Inner<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is T found) return found;
        return null;
    }

    /// <summary>What an answer means for a reader following the link, and the failures in a row it makes.</summary>
    public static (Data.LinkState State, string? Problem, int Failures) Judge(Result result, int previousFailures, int failuresBeforeBroken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Private) return (Data.LinkState.Broken, result.Failure, 0);
        switch (result.Status)
        {
            case >= 200 and < 400:
                return (Data.LinkState.Ok, null, 0);
            case (int)HttpStatusCode.NotFound or (int)HttpStatusCode.Gone:
                return (Data.LinkState.Broken, $"Trang không còn ({result.Status})", 0);
            case (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.TooManyRequests:
                return (Data.LinkState.Blocked, $"Trang từ chối máy kiểm tra ({result.Status}): hãy mở thử bằng trình duyệt", 0);
        }
        // Down, erroring or slow: broken only when it stays so.
        var failures = previousFailures + 1;
        var problem = result.Status is { } status ? $"Máy chủ báo lỗi {status}" : result.Failure ?? "Không mở được trang";
        return failures >= failuresBeforeBroken
            ? (Data.LinkState.Broken, $"{problem} ({failures} lần liên tiếp)", failures)
            : (Data.LinkState.Failing, $"{problem}; sẽ thử lại", failures);
    }
}
