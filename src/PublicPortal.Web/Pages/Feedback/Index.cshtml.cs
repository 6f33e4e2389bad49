using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Features.Feedback;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Feedback;

/// <summary>
/// "Trang này có hữu ích không? / Báo lỗi trang này": the answer posted from any public page, and the report form. At
/// its own address, without an antiforgery token, so the pages carrying the question stay cacheable and set no
/// cookie; cross-site posts are refused by their Origin/Sec-Fetch-Site headers instead.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class IndexModel(FeedbackDesk desk, ILogger<IndexModel> logger, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string Answered = "da-gui";
    public const string Yes = "co";
    public const string No = "khong";
    public const string Reported = "bao-loi";

    /// <summary>The page the feedback is about, as the form sent it.</summary>
    [BindProperty(SupportsGet = true, Name = "trang")]
    public string? About { get; set; }

    /// <summary>"co" or "khong" from the question; absent on a report.</summary>
    [BindProperty(Name = "tra-loi")]
    public string? Answer { get; set; }

    [BindProperty]
    public FeedbackForm Form { get; set; } = new();

    /// <summary>The page's path once checked; null when the address named no page of this site.</summary>
    public string? PagePath { get; private set; }

    /// <summary>What was just sent (<see cref="Yes"/>, <see cref="No"/>, <see cref="Reported"/>), on the page after the redirect.</summary>
    public string? Sent { get; private set; }

    /// <summary>Why a valid post was not stored; the form is shown again with the reader's words.</summary>
    public string? Refusal { get; private set; }

    public DateTime? AlreadyReceivedAtUtc { get; private set; }

    /// <summary>Asked from an English page (/en/feedback): the same form and rules, in English.</summary>
    public bool English { get; private set; }

    public IActionResult OnGet()
    {
        Describe();
        if (PagePath is null) return BadPage();
        var sent = Request.Query[Answered].ToString();
        Sent = sent is Yes or No or Reported ? sent : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (CrossSitePosts.IsCrossSite(HttpContext)) return BadRequest();
        Describe();
        if (PagePath is null) return BadPage();
        var client = RateLimits.ClientKey(HttpContext.Connection.RemoteIpAddress);
        if (Answer is not null)
        {
            // The question carries no report: the report form's rules do not apply to it.
            ModelState.Clear();
            if (Answer is not (Yes or No)) return BadPage();
            if (!string.IsNullOrEmpty(Form.Website)) return Done(Answer);
            return await desk.AnswerAsync(PagePath, Answer == Yes, client, cancellationToken) switch
            {
                FeedbackOutcome.Limited limited => Limit(limited),
                _ => Done(Answer), // accepted, or the same answer given again: either way it is counted once
            };
        }
        if (!string.IsNullOrEmpty(Form.Website))
        {
            // A bot filled the hidden field: answer as if it worked, store nothing.
            logger.LogInformation("Feedback honeypot triggered for {Page}", PagePath);
            return Done(Reported);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        switch (await desk.ReportAsync(PagePath, Form, client, cancellationToken))
        {
            case FeedbackOutcome.Accepted:
                return Done(Reported);
            case FeedbackOutcome.Duplicate duplicate:
                Response.StatusCode = StatusCodes.Status409Conflict;
                AlreadyReceivedAtUtc = duplicate.ReceivedAtUtc;
                return Page();
            case FeedbackOutcome.Limited limited:
                return Limit(limited);
            default:
                throw new InvalidOperationException("Unknown feedback outcome");
        }
    }

    /// <summary>Post/redirect/get: a reload shows the thanks instead of sending again.</summary>
    private RedirectResult Done(string sent) => Redirect((English ? EnglishSite.PageFeedback(PagePath!) : SiteLinks.PageFeedback(PagePath!)) + $"&{Answered}={sent}");

    private PageResult Limit(FeedbackOutcome.Limited limited)
    {
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = RateLimits.Seconds(limited.RetryAfter);
        var minutes = Math.Max(1, (int)Math.Ceiling(limited.RetryAfter.TotalMinutes));
        Refusal = localizer["Feedback.Limited", limited.Limit, limited.WindowMinutes, minutes];
        return Page();
    }

    private PageResult BadPage()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void Describe()
    {
        English = EnglishSite.IsEnglish(HttpContext);
        PagePath = FeedbackPaths.Normalize(About);
        ViewData.Metadata().Title = localizer["Feedback.Title"];
        ViewData.Metadata().NoIndex = true;
    }
}
