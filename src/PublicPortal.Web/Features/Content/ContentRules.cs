using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Markdown;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// What every write checks before its transaction, editor and import alike: field lengths, list lengths, an address the
/// site itself does not use, and a body that renders (what cannot be rendered is not stored).
/// </summary>
public sealed class ContentRules(MarkdownRenderer markdown, ReservedSlugs reserved)
{
    /// <summary>Problems by form field (Title, Slug, Summary, Body, Extra), in Vietnamese; empty when the item may be stored.</summary>
    public IReadOnlyDictionary<string, string> Check(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var problems = new Dictionary<string, string>();
        if (item.Title.Length > InputLimits.MaxTitle)
            problems["Title"] = $"Tiêu đề dài {item.Title.Length} ký tự; tối đa {InputLimits.MaxTitle}.";
        if (item.Summary is { Length: > InputLimits.MaxSummary } summary)
            problems["Summary"] = $"Tóm tắt dài {summary.Length} ký tự; tối đa {InputLimits.MaxSummary}.";
        if (reserved.IsReserved(item.Kind, item.Slug))
            problems["Slug"] = $"Đường dẫn “{item.Slug}” là địa chỉ của một trang của cổng ({ContentKinds.UrlOf(item.Kind, item.Slug)}); hãy chọn đường dẫn khác.";
        if (markdown.TryToSafeHtml(item.Body, out _) is { } body)
            problems["Body"] = body;
        if (item.TitleEn is { Length: > InputLimits.MaxTitle } titleEn)
            problems["TitleEn"] = $"Tiêu đề tiếng Anh dài {titleEn.Length} ký tự; tối đa {InputLimits.MaxTitle}.";
        if (item.SummaryEn is { Length: > InputLimits.MaxSummary } summaryEn)
            problems["SummaryEn"] = $"Tóm tắt tiếng Anh dài {summaryEn.Length} ký tự; tối đa {InputLimits.MaxSummary}.";
        if (item.BodyEn is { } bodyEn && markdown.TryToSafeHtml(bodyEn, out _) is { } englishProblem)
            problems["BodyEn"] = "Bản tiếng Anh: " + englishProblem;
        var lists = new (string Name, int Count)[]
        {
            ("ảnh", item.Photos.Count), ("nguồn", item.Sources.Count), ("mục tiêu", item.Targets.Count),
            ("nhiệm vụ", item.Tasks.Count), ("điểm dừng", item.Route?.Stops.Count ?? 0),
        };
        var tooLong = lists.Where(l => l.Count > InputLimits.MaxListItems).Select(l => $"{l.Count} {l.Name}").ToList();
        if (tooLong.Count > 0)
            problems["Extra"] = $"Danh sách quá dài ({string.Join(", ", tooLong)}); mỗi danh sách tối đa {InputLimits.MaxListItems} mục.";
        return problems;
    }
}
