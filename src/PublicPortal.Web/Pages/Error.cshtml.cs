using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages;

/// <summary>Every error status ends here (re-executed), with a message in Vietnamese and a way on.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    /// <summary>What exactly was refused, when the refusing code said (e.g. an upload's limits).</summary>
    public string? Detail { get; private set; }

    /// <summary>The search box starts with the words of a mistyped or moved address ("/lang-nghe/gom-bau-truc": "gom bau truc").</summary>
    public string? SearchWords { get; private set; }

    /// <summary>The way on from any error: home, the main sections by their real routes, and contact.</summary>
    public static readonly IReadOnlyList<(string Href, string Label)> Sections =
    [
        (SiteLinks.Home, "Trang chủ"),
        (SiteLinks.List(ContentKind.News), "Tin tức"),
        (SiteLinks.List(ContentKind.Announcement), "Thông báo"),
        (SiteLinks.List(ContentKind.Village), "Làng nghề"),
        (SiteLinks.List(ContentKind.Product), "Sản phẩm OCOP"),
        (SiteLinks.List(ContentKind.Sight), "Điểm đến"),
        (SiteLinks.List(ContentKind.Route), "Tuyến du lịch"),
        (SiteLinks.List(ContentKind.Document), "Văn bản"),
        (SiteLinks.List(ContentKind.Plan), "Chương trình"),
        (SiteLinks.Contact, "Liên hệ"),
    ];

    // Re-executed requests keep their method (a failed POST, DELETE…), so the page is filled here, whatever handler runs or not.
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Show(int.TryParse(RouteData.Values["code"]?.ToString(), out var code) ? code : null);
    }

    private void Show(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        // Opened directly (/loi/500), this is no error of the visitor's: show the text, answer 404.
        Code = exception is not null ? 500 : code is >= 400 and <= 599 ? code.Value : 404;
        if (exception is not null) logger.LogError(exception.Error, "Unhandled exception on {Path}", exception.Path);
        Response.StatusCode = reExecuted || exception is not null ? Code : StatusCodes.Status404NotFound;
        (Heading, Message) = Code switch
        {
            404 => ("Không tìm thấy trang", "Trang bạn tìm không có hoặc đã được chuyển đi. Hãy kiểm tra lại địa chỉ, hoặc bắt đầu từ trang chủ."),
            400 => ("Yêu cầu không hợp lệ", "Địa chỉ hoặc tham số trên đường dẫn không hợp lệ (ví dụ số trang phải là một số dương). Hãy quay lại trang trước và thử lại."),
            403 => ("Không có quyền truy cập", "Tài khoản của bạn không có quyền mở trang này. Nếu cần, hãy liên hệ quản trị viên của cổng."),
            413 => ("Tệp hoặc nội dung quá lớn", "Nội dung gửi lên vượt quá giới hạn cho phép. Hãy chọn tệp nhỏ hơn rồi thử lại."),
            405 => ("Thao tác không được hỗ trợ", "Trang này không hỗ trợ thao tác bạn vừa gửi."),
            429 => ("Quá nhiều yêu cầu", "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Xin vui lòng thử lại sau ít phút."),
            >= 500 => ("Đã xảy ra lỗi", "Hệ thống gặp sự cố khi xử lý yêu cầu. Xin vui lòng thử lại sau; nếu lỗi còn lặp lại, hãy báo cho chúng tôi qua trang Liên hệ."),
            _ => ("Không thể hiển thị trang", "Yêu cầu không thực hiện được."),
        };
        Detail = HttpContext.Items[Features.Web.UploadLimitsAttribute.ErrorDetailKey] as string;
        if (Code == 404) SearchWords = WordsOf(HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath);
        ViewData.Metadata().Title = Heading;
        ViewData.Metadata().NoIndex = true;
    }

    /// <summary>The last segment of a path when it looks like one of the site's slugs; anything else is no words to search.</summary>
    private static string? WordsOf(string? path)
    {
        var slug = path?.TrimEnd('/').Split('/')[^1] ?? "";
        if (slug.Length is < 3 or > 80 || !slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')) return null;
        var words = slug.Replace('-', ' ').Trim();
        return words.Length == 0 ? null : words;
    }
}
