using System.Text.RegularExpressions;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Admin;

/// <summary>
/// The content file parser's messages name the key at fault ("'village.recognition_date' must be a date…"). For the
/// editor's form this finds the field that key is, and says what is wrong in Vietnamese, next to that field.
/// </summary>
public static partial class EditorProblems
{
    /// <summary>The form field to show the problem at, and the message.</summary>
    public static (string Field, string Message) Explain(ContentKind kind, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = LeadingKey().Match(message);
        var key = match.Success ? match.Groups["key"].Value : "";
        if (key is "village.location" or "sight.location") return ("Latitude", "Vị trí chưa hợp lệ: cần cả vĩ độ và kinh độ.");
        if (key.StartsWith("route.stops", StringComparison.Ordinal) || message.StartsWith("a route needs", StringComparison.Ordinal))
            return ("NewStop", "Tuyến cần ít nhất hai điểm dừng, mỗi điểm là một làng nghề hoặc một điểm đến.");
        if (key.Length == 0 || EditorSchema.Find(kind, key) is not { } field)
            return ("Extra", $"Thông tin chi tiết chưa hợp lệ: {message}");

        var isChoice = field.Input is EditorInput.Choice or EditorInput.Choices or EditorInput.YesNoUnknown;
        var text = message switch
        {
            _ when message.Contains("is required when the event", StringComparison.Ordinal) => "Hãy chọn làng nghề hoặc điểm đến, hoặc nhập địa chỉ nơi tổ chức.",
            _ when message.Contains("is required", StringComparison.Ordinal) => isChoice ? $"Hãy chọn {Lower(field.Label)}." : $"Hãy nhập {Lower(field.Label)}.",
            _ when message.Contains("a month (2023-03)", StringComparison.Ordinal) => $"{field.Label}: viết năm-tháng-ngày (2024-06-03), hoặc năm-tháng (2023-03) hay chỉ năm (2023) khi nguồn không nói ngày.",
            _ when message.Contains("must be in the years", StringComparison.Ordinal) => $"{field.Label}: năm phải trong khoảng {Content.EventMapper.FirstYear}–{Content.EventMapper.LastYear}.",
            _ when message.Contains("must be a time", StringComparison.Ordinal) => $"{field.Label}: viết giờ:phút, ví dụ 08:30.",
            _ when message.Contains("time zone name", StringComparison.Ordinal) => $"{field.Label}: không có múi giờ này; viết như Asia/Ho_Chi_Minh.",
            _ when message.Contains("must not be before", StringComparison.Ordinal) => "Ngày kết thúc không được trước ngày bắt đầu.",
            _ when message.Contains("must be after event.start_time", StringComparison.Ordinal) => "Giờ kết thúc phải sau giờ bắt đầu.",
            _ when message.Contains("needs a day", StringComparison.Ordinal) => "Khi chỉ biết tháng hoặc năm thì không ghi giờ.",
            _ when message.Contains("needs event.start_time", StringComparison.Ordinal) => "Có giờ kết thúc thì cần ghi cả giờ bắt đầu.",
            _ when message.Contains("written like event.start", StringComparison.Ordinal) => "Ngày kết thúc phải viết cùng kiểu với ngày bắt đầu (cùng là ngày, tháng hoặc năm).",
            _ when message.Contains($"within {Content.EventMapper.MaxDays} days", StringComparison.Ordinal) => "Sự kiện dài quá một năm: hãy xem lại năm của ngày kết thúc.",
            _ when message.Contains("must be a date", StringComparison.Ordinal) => $"{field.Label}: hãy chọn một ngày (ngày/tháng/năm).",
            _ when message.Contains("must be one of", StringComparison.Ordinal) => $"Hãy chọn {Lower(field.Label)} trong danh sách.",
            _ when message.Contains("http(s) address", StringComparison.Ordinal) => $"{field.Label}: phải bắt đầu bằng https:// hoặc http://.",
            _ when message.Contains("path under media/", StringComparison.Ordinal) => $"{field.Label}: hãy chọn một ảnh trong thư viện ảnh.",
            _ when message.Contains("must be a slug", StringComparison.Ordinal) => $"{field.Label}: hãy chọn trong danh sách.",
            _ when message.Contains("must be a year", StringComparison.Ordinal) || message.Contains("must be the year", StringComparison.Ordinal) => $"{field.Label}: hãy nhập một năm (ví dụ 2024).",
            _ when message.Contains("cannot be negative", StringComparison.Ordinal) => $"{field.Label} không được âm.",
            _ when message.Contains("twice", StringComparison.Ordinal) => $"{field.Label}: có hai mục trùng số thứ tự (hoặc trùng năm).",
            _ when message.Contains("go together", StringComparison.Ordinal) => "Số liệu gốc và năm của số liệu gốc phải có cùng nhau.",
            _ when message.Contains("takes no 'values'", StringComparison.Ordinal) => $"{field.Label}: mục tiêu đã có số liệu theo năm nên không tính tự động được; hãy chọn “Không”.",
            _ when message.Contains("must be the current", StringComparison.Ordinal) => "Mốc cuối cùng của lịch sử tình trạng phải trùng với tình trạng hiện tại.",
            _ when message.Contains("needs a 'part'", StringComparison.Ordinal) || message.Contains("each of its entries needs", StringComparison.Ordinal) => "Mục tiêu có nhiều ý: mỗi ý cần ghi chữ a, b, c….",
            _ when message.Contains("lower-case letter", StringComparison.Ordinal) => $"{field.Label}: một chữ thường (a, b, c…).",
            _ when RangeOf().Match(message) is { Success: true } range => $"{field.Label} phải trong khoảng {range.Groups[1].Value}.",
            _ => $"{field.Label} chưa hợp lệ ({message}).",
        };
        return (EditorDetails.FormName(key), text);
    }

    private static string Lower(string label) => label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;

    [GeneratedRegex(@"^'?(?<key>[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*)'?[ :]")]
    private static partial Regex LeadingKey();

    [GeneratedRegex(@"must be (\d+\s*[–-]\s*\d+|\d+, \d+ or \d+)")]
    private static partial Regex RangeOf();
}
