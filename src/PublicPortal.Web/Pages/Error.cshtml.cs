using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages;

/// <summary>Every error status ends here (re-executed), with a message in the language of the address asked for and a way on.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(ILogger<ErrorModel> logger, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    /// <summary>What exactly was refused, when the refusing code said (e.g. an upload's limits).</summary>
    public string? Detail { get; private set; }

    /// <summary>The search box starts with the words of a mistyped or moved address ("/lang-nghe/gom-bau-truc": "gom bau truc").</summary>
    public string? SearchWords { get; private set; }

    /// <summary>The resource keys of an error's heading and message (in the resx files, in both languages).</summary>
    public static (string Heading, string Message) KeysOf(int code) => code switch
    {
        404 or 400 or 403 or 405 or 413 or 429 => ($"Error.{code}.Heading", $"Error.{code}.Message"),
        >= 500 => ("Error.500.Heading", "Error.500.Message"),
        _ => ("Error.Other.Heading", "Error.Other.Message"),
    };

    /// <summary>The codes with their own text; every other code shares one (tests check each is translated).</summary>
    public static readonly IReadOnlyList<int> Codes = [400, 403, 404, 405, 413, 429, 500, 418];

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
        var (heading, message) = KeysOf(Code);
        (Heading, Message) = (localizer[heading], localizer[message]);
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
