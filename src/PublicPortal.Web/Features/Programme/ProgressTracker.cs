using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Programme;

/// <summary>
/// Measures a plan's targets: from the catalogue where it holds the facts (as of today, and year by year where its dates
/// allow), otherwise from the yearly figures editors enter with their source. Each is judged against a straight line
/// from the baseline (or from 0 in the plan's first year, when the plan states none) to the goal at the deadline.
/// </summary>
public static class ProgressTracker
{
    public static readonly IReadOnlyList<string> TaskStatuses = ["Chưa bắt đầu", "Đang thực hiện", "Hoàn thành"];

    /// <summary>The measures the catalogue can compute, and what each counts (shown on the page).</summary>
    public static readonly IReadOnlyDictionary<string, string> Measures = new Dictionary<string, string>
    {
        ["ocop-share"] = "Tỷ lệ làng nghề đã được công nhận (trừ làng bị thu hồi) có ít nhất một sản phẩm OCOP còn hiệu lực.",
        ["trademark-share"] = "Tỷ lệ làng nghề đã được công nhận (trừ làng bị thu hồi) có sản phẩm được bảo hộ thương hiệu.",
        ["effective-share"] = "Tỷ lệ làng nghề đã được công nhận (trừ làng bị thu hồi) được đánh giá hoạt động có hiệu quả.",
        ["environment-share"] = "Tỷ lệ làng nghề đã được công nhận (trừ làng bị thu hồi) đáp ứng quy định bảo vệ môi trường.",
        ["tourism-villages"] = "Số làng nghề (trừ làng bị thu hồi) là điểm dừng của ít nhất một tuyến du lịch trên cổng.",
        ["recognised-since"] = "Số làng nghề được công nhận từ năm bắt đầu kế hoạch.",
        ["restored-since"] = "Số làng nghề từng tạm ngừng hoặc có nguy cơ mai một đã hoạt động trở lại từ năm bắt đầu kế hoạch (theo lịch sử tình trạng của làng).",
    };

    /// <summary>The plan's first year, from its period ("2021–2030"); the year it was issued otherwise.</summary>
    public static int StartYear(ContentItem plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var digits = new string((plan.Period ?? "").TakeWhile(c => c != '–' && c != '-').Where(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is > 1990 and < 2100
            ? year : plan.IssuedOn?.Year ?? plan.PublishedAtUtc.Year;
    }

    /// <summary>The plan's progress, measured once per catalogue snapshot and plan version (pages and the API read it per request).</summary>
    public static PlanProgress MeasureShared(ContentItem plan, CatalogueSnapshot catalogue)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(catalogue);
        return catalogue.Memo(("progress", plan.Id, plan.Version), () => Measure(plan, catalogue));
    }

    public static PlanProgress Measure(ContentItem plan, CatalogueSnapshot catalogue)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(catalogue);
        var start = StartYear(plan);
        return new PlanProgress(plan, start, catalogue.Today, plan.Targets.OrderBy(t => t.Number).ThenBy(t => t.Part, StringComparer.Ordinal)
            .Select(t => MeasureTarget(t, catalogue, start)).ToList());
    }

    public static string KeyOf(PlanTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) + target.Part;
    }

    public static bool IsShare(string? measure) => measure is "ocop-share" or "trademark-share" or "effective-share" or "environment-share";

    /// <summary>"33,3% (1/3 làng nghề)": a share with the counts it is made of.</summary>
    public static string FormatWithCounts(decimal value, string? unit, int? counted, int? of) =>
        Format(value, unit) + (counted is { } c && of is { } n ? $" ({c}/{n} làng nghề)" : "");

    /// <summary>
    /// The one rule for unknown dates: an item whose own date (OCOP decision, recognition) is unknown is placed from the
    /// start of the first year the data knows it: a source's report, the year in its decision number, or else the year it
    /// was put on the portal — never earlier (which back-filled the history), and never left out (which under-counted).
    /// </summary>
    public const string UnknownDateRule = "Mục chưa rõ ngày (ngày quyết định OCOP, ngày công nhận làng nghề) không được tính vào năm nào trước năm đầu tiên nó có trong dữ liệu: năm nguồn tin đưa tin, năm trong số quyết định, hoặc năm được đưa lên cổng.";

    private static DateOnly YearStart(int year) => new(year, 1, 1);

    private static int EnteredYear(ContentItem item) => VietnamTime.ToOffset(item.PublishedAtUtc).Year;

    /// <summary>From when a product counts as rated: its decision date, else per <see cref="UnknownDateRule"/>.</summary>
    private static (DateOnly Since, string? Note) RatedSince(ContentItem product) => product.Product!.DecisionDate is { } decided ? (decided, null)
        : product.Product.KnownSince is { } known ? (YearStart(known.Year), $"chưa rõ ngày quyết định; có trong nguồn tin từ {known.ToString("MM'/'yyyy", System.Globalization.CultureInfo.InvariantCulture)}, tính từ năm {known.Year}")
        : (YearStart(EnteredYear(product)), $"chưa rõ ngày quyết định; tính từ năm {EnteredYear(product)}, năm đưa lên cổng");

    /// <summary>From when a village holds its title: its recognition date, else per <see cref="UnknownDateRule"/>.</summary>
    private static (DateOnly Since, string? Note) RecognisedSince(ContentItem village)
    {
        var v = village.Village!;
        if (v.RecognitionDate is { } date) return (date, null);
        var match = v.RecognitionNumber is null ? null : System.Text.RegularExpressions.Regex.Match(v.RecognitionNumber, @"/((?:19|20)\d\d)/");
        if (match is { Success: true } && int.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var year))
            return (YearStart(year), $"chưa rõ ngày công nhận; theo số quyết định {v.RecognitionNumber}, công nhận năm {year}");
        return (YearStart(EnteredYear(village)), $"chưa rõ ngày công nhận; tính từ năm {EnteredYear(village)}, năm đưa lên cổng");
    }

    private static IndicatorProgress MeasureTarget(PlanTarget target, CatalogueSnapshot catalogue, int start)
    {
        if (target.Measure is { } measure)
        {
            var (value, breakdown) = Compute(measure, catalogue, catalogue.Today, start);
            var history = HistoryOf(measure, catalogue, start);
            var (status, expected) = Judge(target, value, catalogue.Today.Year, start);
            return new IndicatorProgress(target, value, value is null ? null : catalogue.Today.Year, status, expected, history, breakdown,
                "Tính từ danh mục làng nghề và sản phẩm OCOP trên cổng", null, catalogue.Today);
        }
        var latest = target.Values.OrderBy(v => v.Year).LastOrDefault();
        var (judged, line) = Judge(target, latest?.Value, latest?.Year ?? catalogue.Today.Year, start);
        return new IndicatorProgress(target, latest?.Value, latest?.Year, judged, line,
            target.Values.OrderBy(v => v.Year).Select(v => new YearValue(v.Year, v.Value)).ToList(), [],
            latest?.Source, latest?.SourceUrl, latest?.Updated);
    }

    /// <summary>
    /// Đạt when the goal is reached (above it for "trên …"); otherwise đúng tiến độ when at or above the straight line from
    /// the baseline to the goal at the deadline, for the value's year; chậm below it (a yearly rate is simply below its goal);
    /// chưa có số liệu without a value or a numeric goal.
    /// </summary>
    public static (ProgressStatus Status, decimal? Expected) Judge(PlanTarget target, decimal? value, int year, int startYear)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (value is not { } v || target.Goal is not { } goal) return (ProgressStatus.NoData, null);
        if (target.Exceed ? v > goal : v >= goal) return (ProgressStatus.Achieved, goal);
        if (target.Rate) return (ProgressStatus.Behind, goal);
        var (from, fromYear) = (target.BaselineValue ?? 0, target.BaselineYear ?? startYear);
        var deadline = target.Deadline ?? 2030;
        var share = deadline <= fromYear ? 1m : Math.Clamp((decimal)(year - fromYear) / (deadline - fromYear), 0m, 1m);
        var expected = from + (goal - from) * share;
        return (v >= expected ? ProgressStatus.OnTrack : ProgressStatus.Behind, Math.Round(expected, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>Recognised villages still holding their title: the base of every share.</summary>
    private static IEnumerable<ContentItem> Recognised(CatalogueSnapshot catalogue, DateOnly asOf) => catalogue.Villages.Where(v =>
        v.Village!.Type is VillageType.CraftVillage or VillageType.TraditionalCraftVillage
        && v.Village.Status != VillageStatus.Revoked
        && RecognisedSince(v).Since <= asOf);

    private static string UrlOf(ContentItem item) => ContentKinds.UrlOf(item.Kind, item.Slug);

    private static decimal? Share(List<Counted> rows) =>
        rows.Count == 0 ? null : Math.Round(100m * rows.Count(r => r.Counts) / rows.Count, 1);

    /// <summary>The measure's value on a day, and which villages count.</summary>
    public static (decimal? Value, IReadOnlyList<Counted> Breakdown) Compute(string measure, CatalogueSnapshot catalogue, DateOnly asOf, int startYear)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        switch (measure)
        {
            case "ocop-share":
            {
                var rows = Recognised(catalogue, asOf).Select(v =>
                {
                    var products = catalogue.ProductsOf(v);
                    var rated = products.Where(p => RatedSince(p).Since <= asOf && Ocop.IsRated(p.Product!, asOf)).ToList();
                    return new Counted(v.Title, UrlOf(v), rated.Count > 0, rated.Count > 0
                        ? "Có sản phẩm OCOP còn hiệu lực: " + string.Join(", ", rated.Select(p => $"{p.Title} ({p.Product!.Stars} sao{(RatedSince(p).Note is { } note ? ", " + note : "")})"))
                        : products.Count == 0 ? "Chưa có sản phẩm OCOP trong danh mục"
                        : products.All(p => RatedSince(p).Since > asOf) ? "Sản phẩm OCOP chưa có trong dữ liệu vào thời điểm này"
                        : "Sản phẩm OCOP đã hết hiệu lực");
                }).ToList();
                return (Share(rows), rows);
            }
            case "trademark-share":
                return Flag(catalogue, asOf, v => v.TrademarkProtected, "Có sản phẩm được bảo hộ thương hiệu", "Chưa có thương hiệu được bảo hộ");
            case "effective-share":
                return Flag(catalogue, asOf, v => v.OperatingEffectively, "Được đánh giá hoạt động có hiệu quả", "Không được đánh giá hoạt động có hiệu quả");
            case "environment-share":
                return Flag(catalogue, asOf, v => v.EnvironmentCompliant, "Đáp ứng quy định bảo vệ môi trường", "Chưa đáp ứng quy định bảo vệ môi trường");
            case "tourism-villages":
            {
                var rows = catalogue.Villages.Where(v => v.Village!.Status != VillageStatus.Revoked).Select(v =>
                {
                    var routes = catalogue.RoutesThrough(v);
                    return new Counted(v.Title, UrlOf(v), routes.Count > 0,
                        routes.Count > 0 ? "Trên tuyến: " + string.Join(", ", routes.Select(r => r.Title)) : "Chưa thuộc tuyến du lịch nào trên cổng");
                }).ToList();
                return (rows.Count(r => r.Counts), rows);
            }
            case "recognised-since":
            {
                var from = new DateOnly(startYear, 1, 1);
                var rows = catalogue.Villages.Where(v => v.Village!.Type is VillageType.CraftVillage or VillageType.TraditionalCraftVillage).Select(v =>
                {
                    var (since, note) = RecognisedSince(v);
                    if (note is not null && v.Village!.Status == VillageStatus.Revoked)
                        return new Counted(v.Title, UrlOf(v), false, "Đã bị thu hồi danh hiệu; chưa rõ ngày công nhận");
                    var counts = since >= from && since <= asOf;
                    var when = note is null ? $"Công nhận ngày {VietnamTime.Date(since)}" : char.ToUpperInvariant(note[0]) + note[1..];
                    return new Counted(v.Title, UrlOf(v), counts, when + (since < from ? $" (trước năm {startYear})" : since > asOf ? " (sau thời điểm này)" : ""));
                }).ToList();
                return (rows.Count(r => r.Counts), rows);
            }
            case "restored-since":
            {
                var from = new DateOnly(startYear, 1, 1);
                // Candidates: villages that were paused or at risk at some point, or are now.
                var rows = catalogue.Villages.Where(v => v.Village!.Status is VillageStatus.Paused or VillageStatus.AtRisk
                        || v.Village.StatusHistory.Any(h => h.Status is VillageStatus.Paused or VillageStatus.AtRisk)).Select(v =>
                {
                    var restored = RestoredOn(v.Village!, from, asOf);
                    return new Counted(v.Title, UrlOf(v), restored is not null, restored is { } on
                        ? $"Hoạt động trở lại từ ngày {VietnamTime.Date(on)}"
                        : $"Hiện: {CatalogueLabels.Of(StatusOn(v.Village!, asOf)).ToLower(PublicPortal.Web.Features.Content.VietnameseText.Culture)}");
                }).ToList();
                return (rows.Count(r => r.Counts), rows);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown measure");
        }
    }

    /// <summary>A village's status on a day: the last change on or before it (before the first recorded one, the first).</summary>
    private static VillageStatus StatusOn(VillageDetails village, DateOnly day)
    {
        var history = village.StatusHistory;
        if (history.Count == 0) return village.Status;
        var index = history.FindLastIndex(h => h.Since <= day);
        return index < 0 ? history[0].Status : history[index].Status;
    }

    /// <summary>The day, within [from, asOf], a paused or at-risk village became active again and stayed so until asOf.</summary>
    private static DateOnly? RestoredOn(VillageDetails village, DateOnly from, DateOnly asOf)
    {
        if (StatusOn(village, asOf) != VillageStatus.Active) return null;
        var history = village.StatusHistory.Where(h => h.Since <= asOf).ToList();
        for (var i = history.Count - 1; i > 0; i--)
        {
            if (history[i].Status != VillageStatus.Active) return null;
            if (history[i - 1].Status is VillageStatus.Paused or VillageStatus.AtRisk)
                return history[i].Since >= from ? history[i].Since : null;
        }
        return null;
    }

    private static (decimal?, IReadOnlyList<Counted>) Flag(CatalogueSnapshot catalogue, DateOnly asOf, Func<VillageDetails, bool?> flag, string yes, string no)
    {
        var villages = Recognised(catalogue, asOf).ToList();
        var rows = villages.Select(v => flag(v.Village!) switch
        {
            true => new Counted(v.Title, UrlOf(v), true, yes),
            false => new Counted(v.Title, UrlOf(v), false, no),
            null => new Counted(v.Title, UrlOf(v), false, "Chưa có thông tin (không tính là đạt)"),
        }).ToList();
        // Nothing known about any village is no figure at all, not 0 %.
        return (villages.All(v => flag(v.Village!) is null) ? null : Share(rows), rows);
    }

    /// <summary>
    /// Year-end values from the plan's first year to this one, for the measures whose facts carry dates (OCOP decisions and
    /// expiries, recognition dates, status history). The yes/no assessments have no dates: they show this year only.
    /// </summary>
    private static List<YearValue> HistoryOf(string measure, CatalogueSnapshot catalogue, int start)
    {
        if (measure is not ("ocop-share" or "recognised-since" or "restored-since"))
        {
            var (now, rows) = Compute(measure, catalogue, catalogue.Today, start);
            return now is { } v ? [IsShare(measure) ? new YearValue(catalogue.Today.Year, v, rows.Count(r => r.Counts), rows.Count) : new YearValue(catalogue.Today.Year, v)] : [];
        }
        var history = new List<YearValue>();
        for (var year = start; year <= catalogue.Today.Year; year++)
        {
            var asOf = year == catalogue.Today.Year ? catalogue.Today : new DateOnly(year, 12, 31);
            var (value, rows) = Compute(measure, catalogue, asOf, start);
            if (value is not { } v) continue;
            history.Add(IsShare(measure) ? new YearValue(year, v, rows.Count(r => r.Counts), rows.Count) : new YearValue(year, v));
        }
        return history;
    }

    public static string Label(ProgressStatus status) => status switch
    {
        ProgressStatus.Achieved => "Đạt",
        ProgressStatus.OnTrack => "Đúng tiến độ",
        ProgressStatus.Behind => "Chậm",
        _ => "Chưa có số liệu",
    };

    public static string CssClass(ProgressStatus status) => status switch
    {
        ProgressStatus.Achieved => "status-achieved",
        ProgressStatus.OnTrack => "status-on-track",
        ProgressStatus.Behind => "status-behind",
        _ => "status-no-data",
    };

    /// <summary>"52,5 %", "3 làng nghề", "1,5 lần" in Vietnamese number format.</summary>
    public static string Format(decimal value, string? unit)
    {
        var number = value.ToString(value == Math.Round(value) ? "N0" : "N1", PublicPortal.Web.Features.Content.VietnameseText.Culture);
        return unit is null ? number : unit.StartsWith('%') ? $"{number}{unit}" : $"{number} {unit}";
    }
}
