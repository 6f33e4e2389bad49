using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Feedback;
using PublicPortal.Web.Features.Traffic;

namespace PublicPortal.Web.Areas.Admin.Pages.Analytics;

/// <summary>Visits and page views per day and per month, most-read items, referring sites and the share of bots.</summary>
public sealed class IndexModel(TrafficReport report, FeedbackDesk feedback) : PageModel
{
    public static readonly IReadOnlyDictionary<int, string> Periods = new Dictionary<int, string> { [7] = "7 ngày", [30] = "30 ngày", [365] = "12 tháng" };

    [BindProperty(SupportsGet = true, Name = "ky")] public int Period { get; set; } = 30;

    public List<TrafficRow> Days { get; private set; } = [];
    public List<TrafficRow> Months { get; private set; } = [];
    public List<TopItem> TopItems { get; private set; } = [];
    public List<TopReferrer> Referrers { get; private set; } = [];
    public TrafficRow PeriodTotal { get; private set; } = new("", 0, 0, 0);
    public List<FeedbackCount> Feedback { get; private set; } = [];

    public async Task OnGetAsync()
    {
        if (!Periods.ContainsKey(Period)) Period = 30;
        Days = await report.DaysAsync(30);
        Months = await report.MonthsAsync(12);
        var from = report.Today.AddDays(1 - Period);
        TopItems = await report.TopItemsAsync(from, 20);
        Referrers = await report.TopReferrersAsync(from, 20);
        Feedback = await feedback.PerPageAsync(TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), VietnamTime.Zone), 20);
        var period = Period <= 30 ? Days.TakeLast(Period).ToList() : Months;
        PeriodTotal = new TrafficRow(Periods[Period], period.Sum(d => d.Visits), period.Sum(d => d.PageViews), period.Sum(d => d.BotRequests));
    }
}
