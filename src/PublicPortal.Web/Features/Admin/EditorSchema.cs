using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Programme;

namespace PublicPortal.Web.Features.Admin;

/// <summary>How a detail field is typed in the editor.</summary>
public enum EditorInput
{
    Text,
    LongText,
    Number,
    Fraction,
    Date,
    Check,

    /// <summary>Yes / no / not known (a criterion nobody has assessed yet is not "no").</summary>
    YesNoUnknown,
    Choice,

    /// <summary>Several of a list, as checkboxes.</summary>
    Choices,
    Url,

    /// <summary>Rows of the <see cref="EditorField.Row"/> fields, added, removed and reordered with plain buttons.</summary>
    Group,
}

/// <summary>Where a choice's options come from: other items (read per request), or a fixed list.</summary>
public enum EditorOptions
{
    None,
    Localities,
    Villages,
    Crafts,
    Documents,
    Plans,
    Images,
    Sights,
}

/// <summary>
/// One field of an item's details, named by its key in the content file ("village.recognition_date"); the form posts it as
/// the same path of <see cref="Content.FrontMatterDto"/> ("Details.Village.RecognitionDate"), so the form and the file are one format.
/// </summary>
public sealed record EditorField(string Key, string Label, EditorInput Input)
{
    public string? Hint { get; init; }
    public EditorOptions Options { get; init; }

    /// <summary>A fixed list of (value, label); an empty value is "none".</summary>
    public IReadOnlyList<(string Value, string Label)>? Fixed { get; init; }

    /// <summary>Suggestions for a free text field (a datalist): the values already in use.</summary>
    public IReadOnlyList<string>? Suggestions { get; init; }

    public IReadOnlyList<EditorField>? Row { get; init; }
    public string? RowLabel { get; init; }
    public bool Required { get; init; }
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public int MaxLength { get; init; } = 400;

    /// <summary>Rows a group may hold (the file format's own list bound is larger; a form this long is already unusable).</summary>
    public int MaxRows { get; init; } = 100;
}

/// <summary>
/// Every detail field of every content type, as form fields: what editors fill instead of YAML. The fields every item
/// has (title, address, summary, publishing, body, English), a route's stops and a position have their own parts of the
/// form; everything else an item's file can hold is here, so a save through the form keeps it.
/// </summary>
public static class EditorSchema
{
    private static readonly (string, string)[] Precision = [("", "Ngày cụ thể"), ("month", "Chỉ biết tháng"), ("year", "Chỉ biết năm")];

    private static readonly EditorField[] Common =
    [
        new("date_precision", "Nguồn cho biết ngày đến mức", EditorInput.Choice) { Fixed = Precision, Hint = "Khi nguồn chỉ nói “tháng 10/2022”, chọn “Chỉ biết tháng”: trang sẽ không bịa ra ngày." },
        new("review_by", "Rà soát lại trước ngày", EditorInput.Date)
        {
            Hint = "Để trống để theo mặc định: làng nghề, sản phẩm, điểm đến, tuyến, trang và kế hoạch được nhắc rà soát một năm sau lần sửa cuối; sản phẩm OCOP có ngày hết hạn giấy chứng nhận thì vào ngày đó.",
        },
        new("cover", "Ảnh bìa", EditorInput.Choice) { Options = EditorOptions.Images, Hint = "Ảnh lấy từ thư viện ảnh." },
        new("cover_alt", "Mô tả ảnh bìa (alt)", EditorInput.Text) { Hint = "Để trống nếu dùng mô tả đã viết trong thư viện ảnh." },
        new("photos", "Ảnh", EditorInput.Group)
        {
            RowLabel = "Ảnh",
            Row =
            [
                new("path", "Ảnh", EditorInput.Choice) { Options = EditorOptions.Images, Required = true },
                new("alt", "Mô tả ảnh (alt)", EditorInput.Text) { Required = true },
                new("caption", "Chú thích", EditorInput.Text),
            ],
        },
        new("sources", "Nguồn", EditorInput.Group)
        {
            RowLabel = "Nguồn",
            Row =
            [
                new("title", "Tên nguồn", EditorInput.Text) { Required = true },
                new("url", "Địa chỉ trang nguồn", EditorInput.Url) { Hint = "Bắt đầu bằng https://." },
            ],
        },
    ];

    /// <summary>A legal document's fields; a plan announced by a document of its own carries them too (not required there).</summary>
    private static EditorField[] DocumentFields(bool required) =>
    [
        new("document_type", "Loại văn bản", EditorInput.Text) { Required = required, Suggestions = ["Luật", "Nghị định", "Nghị quyết", "Quyết định", "Thông tư", "Chỉ thị", "Kế hoạch", "Công văn", "Thông báo"] },
        new("number", "Số, ký hiệu", EditorInput.Text) { Required = required, Hint = "Ví dụ 3073/KH-UBND." },
        new("issuer", "Cơ quan ban hành", EditorInput.Text) { Required = required },
        new("signer", "Người ký", EditorInput.Text),
        new("issued", "Ngày ban hành", EditorInput.Date) { Required = required },
        new("effective", "Ngày có hiệu lực", EditorInput.Date),
    ];

    private static readonly EditorField[] Document = DocumentFields(required: true);

    private static readonly EditorField[] Plan =
    [
        new("period", "Giai đoạn", EditorInput.Text) { Hint = "Ví dụ 2021–2030." },
        new("parent", "Thuộc kế hoạch, chương trình", EditorInput.Choice) { Options = EditorOptions.Plans },
        new("document", "Văn bản ban hành", EditorInput.Choice) { Options = EditorOptions.Documents },
        new("targets", "Mục tiêu", EditorInput.Group)
        {
            RowLabel = "Mục tiêu",
            Row =
            [
                new("number", "Số thứ tự", EditorInput.Number) { Required = true, Min = 0, Max = 999 },
                new("part", "Ý (a, b, c…)", EditorInput.Text) { MaxLength = 1 },
                new("text", "Nội dung mục tiêu", EditorInput.LongText) { Required = true, MaxLength = 4000 },
                new("indicator", "Chỉ tiêu đo", EditorInput.Text),
                new("value", "Mức cần đạt (như văn bản ghi)", EditorInput.Text),
                new("deadline", "Năm cần đạt", EditorInput.Number) { Min = 2000, Max = 2100 },
                new("unit", "Đơn vị", EditorInput.Text) { Suggestions = ["%", "làng", "sản phẩm", "hộ", "lao động"] },
                new("goal", "Mức cần đạt (số)", EditorInput.Fraction),
                new("exceed", "Đạt khi vượt mức (không chỉ bằng)", EditorInput.Check),
                new("rate", "Là tỷ lệ (%)", EditorInput.Check),
                new("measure", "Tính tự động từ danh mục", EditorInput.Choice)
                {
                    Fixed = [("", "Không (nhập số liệu theo năm ở trang Số liệu tiến độ)"), .. ProgressTracker.Measures.Select(m => (m.Key, m.Value))],
                },
                new("baseline", "Số liệu gốc", EditorInput.Fraction),
                new("baseline_year", "Năm của số liệu gốc", EditorInput.Number) { Min = 1900, Max = 2100 },
                new("national", "Mục tiêu tương ứng của Trung ương", EditorInput.Text),
            ],
        },
        new("tasks", "Nhiệm vụ giao", EditorInput.Group)
        {
            RowLabel = "Nhiệm vụ",
            Row =
            [
                new("number", "Số thứ tự", EditorInput.Number) { Required = true, Min = 0, Max = 999 },
                new("text", "Nội dung nhiệm vụ", EditorInput.LongText) { Required = true, MaxLength = 4000 },
                new("agency", "Cơ quan được giao", EditorInput.Text) { Required = true },
                new("status", "Tình trạng", EditorInput.Choice) { Fixed = [("", "Chưa rõ"), .. ProgressTracker.TaskStatuses.Select(s => (s, s))] },
                new("topic", "Chủ đề", EditorInput.Text),
            ],
        },
    ];

    private static readonly (string, string)[] YesNo = [("", "Chưa rõ"), ("true", "Có"), ("false", "Không")];

    private static readonly (string, string)[] VillageStatuses =
        [("active", CatalogueLabels.Of(VillageStatus.Active)), ("at-risk", CatalogueLabels.Of(VillageStatus.AtRisk)), ("paused", CatalogueLabels.Of(VillageStatus.Paused)), ("revoked", CatalogueLabels.Of(VillageStatus.Revoked))];

    private static readonly EditorField[] Village =
    [
        new("village.type", "Loại", EditorInput.Choice)
        {
            Required = true,
            Fixed = [("", "— chọn —"), ("craft-village", CatalogueLabels.Of(VillageType.CraftVillage)), ("traditional-craft-village", CatalogueLabels.Of(VillageType.TraditionalCraftVillage)), ("not-recognised", CatalogueLabels.Of(VillageType.NotRecognised))],
        },
        new("village.status", "Tình trạng", EditorInput.Choice) { Required = true, Fixed = [("", "— chọn —"), .. VillageStatuses] },
        new("village.crafts", "Nghề", EditorInput.Choices) { Options = EditorOptions.Crafts },
        new("village.locality", "Địa bàn", EditorInput.Choice) { Options = EditorOptions.Localities, Required = true },
        new("village.recognition_number", "Số quyết định công nhận", EditorInput.Text),
        new("village.recognition_date", "Ngày công nhận", EditorInput.Date),
        new("village.recognition_issuer", "Cơ quan công nhận", EditorInput.Text),
        new("village.founded_year", "Năm hình thành", EditorInput.Number) { Min = 1, Max = 2100 },
        new("village.founded_note", "Ghi chú về năm hình thành", EditorInput.Text) { Hint = "Ví dụ “theo truyền khẩu, khoảng thế kỷ XVII”." },
        new("village.figures", "Số liệu", EditorInput.Group)
        {
            RowLabel = "Số liệu",
            Row =
            [
                new("measure", "Chỉ số", EditorInput.Choice) { Required = true, Fixed = [("", "— chọn —"), ("households", "Số hộ"), ("workers", "Số lao động"), ("artisans", "Số nghệ nhân")] },
                new("value", "Giá trị", EditorInput.Number) { Required = true, Min = 0, Max = 10_000_000 },
                new("year", "Năm", EditorInput.Number) { Required = true, Min = 1900, Max = 2100 },
                new("approximate", "Số gần đúng (“khoảng”)", EditorInput.Check),
            ],
        },
        new("village.environment_compliant", "Đạt yêu cầu về môi trường", EditorInput.YesNoUnknown) { Fixed = YesNo },
        new("village.operating_effectively", "Hoạt động hiệu quả", EditorInput.YesNoUnknown) { Fixed = YesNo },
        new("village.trademark_protected", "Có sản phẩm được bảo hộ thương hiệu", EditorInput.YesNoUnknown) { Fixed = YesNo },
        new("village.linked_to_tourism", "Gắn với du lịch", EditorInput.YesNoUnknown) { Fixed = YesNo },
        new("village.contact", "Liên hệ", EditorInput.LongText) { MaxLength = 2000 },
        new("village.status_history", "Lịch sử tình trạng", EditorInput.Group)
        {
            RowLabel = "Mốc",
            Hint = "Mốc cuối cùng phải trùng với tình trạng hiện tại.",
            Row =
            [
                new("status", "Tình trạng", EditorInput.Choice) { Required = true, Fixed = [("", "— chọn —"), .. VillageStatuses] },
                new("since", "Từ ngày", EditorInput.Date) { Required = true },
            ],
        },
    ];

    private static readonly EditorField[] Product =
    [
        new("product.producer", "Chủ thể sản xuất", EditorInput.Text) { Required = true },
        new("product.locality", "Địa bàn", EditorInput.Choice) { Options = EditorOptions.Localities, Required = true },
        new("product.village", "Làng nghề", EditorInput.Choice) { Options = EditorOptions.Villages },
        new("product.group", "Nhóm sản phẩm OCOP", EditorInput.Choice)
        {
            Required = true,
            Fixed = [("", "— chọn —"), .. CatalogueLabels.OcopGroups.Select((g, i) => ((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{i + 1}. {g}"))],
        },
        new("product.subgroup", "Phân nhóm", EditorInput.Text),
        new("product.stars", "Hạng sao", EditorInput.Choice) { Required = true, Fixed = [("", "— chọn —"), ("3", "3 sao"), ("4", "4 sao"), ("5", "5 sao")] },
        new("product.score", "Điểm đánh giá", EditorInput.Number) { Min = 0, Max = 100 },
        new("product.level", "Cấp công nhận", EditorInput.Text) { Suggestions = ["cấp huyện", "cấp tỉnh", "cấp quốc gia"] },
        new("product.decision_number", "Số quyết định công nhận", EditorInput.Text),
        new("product.decision_date", "Ngày quyết định", EditorInput.Date),
        new("product.decision_date_approximate", "Ngày quyết định chỉ gần đúng", EditorInput.Check),
        new("product.known_since", "Được biết đạt OCOP từ ngày", EditorInput.Date) { Hint = "Khi chưa có quyết định: ngày sớm nhất có nguồn nói sản phẩm đã đạt." },
        new("product.certificate_expiry", "Giấy chứng nhận hết hạn ngày", EditorInput.Date),
        new("product.price_range", "Khoảng giá", EditorInput.Text),
        new("product.where_to_buy", "Nơi mua", EditorInput.LongText) { MaxLength = 2000 },
        new("product.contact", "Liên hệ", EditorInput.LongText) { MaxLength = 2000 },
    ];

    private static readonly EditorField[] Sight =
    [
        new("sight.kind", "Loại điểm đến", EditorInput.Text) { Required = true, Suggestions = ["Di tích", "Danh thắng", "Cảnh quan", "Bãi biển", "Bảo tàng", "Khu du lịch", "Làng chài", "Đảo"] },
        new("sight.locality", "Địa bàn", EditorInput.Choice) { Options = EditorOptions.Localities },
        new("sight.address", "Địa chỉ", EditorInput.Text),
        new("sight.opening_hours", "Giờ mở cửa", EditorInput.Text),
        new("sight.fee", "Giá vé", EditorInput.Text),
        new("sight.access", "Đường đến", EditorInput.LongText) { MaxLength = 2000 },
    ];

    private static readonly EditorField[] Route =
    [
        new("route.best_season", "Mùa đẹp nhất", EditorInput.Text),
        new("route.occasion", "Dịp", EditorInput.Text),
    ];

    private static readonly EditorField[] Event =
    [
        new("event.start", "Ngày bắt đầu", EditorInput.Text)
        {
            Required = true, MaxLength = 10,
            Hint = "Viết năm-tháng-ngày, ví dụ 2024-06-03. Khi nguồn chỉ nói tháng, viết 2023-03; chỉ nói năm, viết 2023: trang sẽ không bịa ra ngày.",
        },
        new("event.start_time", "Giờ bắt đầu", EditorInput.Text) { MaxLength = 5, Hint = "Giờ:phút, ví dụ 08:00. Để trống nếu cả ngày hoặc nguồn không nói giờ." },
        new("event.end", "Ngày kết thúc", EditorInput.Text) { MaxLength = 10, Hint = "Viết như ngày bắt đầu; để trống nếu chỉ một ngày." },
        new("event.end_time", "Giờ kết thúc", EditorInput.Text) { MaxLength = 5 },
        new("event.time_zone", "Múi giờ", EditorInput.Text)
        {
            MaxLength = 64, Suggestions = ["Asia/Ho_Chi_Minh", "Europe/Paris", "Africa/Casablanca", "Asia/Tokyo"],
            Hint = "Để trống nếu theo giờ Việt Nam; sự kiện ở nước ngoài ghi múi giờ nơi đó (ví dụ Africa/Casablanca).",
        },
        new("event.village", "Tại làng nghề", EditorInput.Choice) { Options = EditorOptions.Villages },
        new("event.sight", "Tại điểm đến", EditorInput.Choice) { Options = EditorOptions.Sights },
        new("event.address", "Địa chỉ", EditorInput.Text) { Hint = "Bắt buộc khi sự kiện không ở một làng nghề hay điểm đến trong danh mục." },
        new("event.organiser", "Đơn vị tổ chức", EditorInput.Text),
        new("event.status", "Tình trạng", EditorInput.Choice) { Fixed = [("", "Diễn ra như thông báo"), ("postponed", "Tạm hoãn"), ("cancelled", "Đã hủy")] },
    ];

    private static readonly EditorField[] Locality =
    [
        new("locality.district", "Huyện, thị xã, thành phố (trước 01/7/2025)", EditorInput.Text),
        new("locality.new_name", "Tên xã, phường từ 01/7/2025", EditorInput.Text),
        new("locality.new_name_confirmed", "Tên mới đã đối chiếu với nghị quyết sắp xếp", EditorInput.Check),
    ];

    private static readonly EditorField[] Craft =
    [
        new("craft.traditional", "Nghề truyền thống", EditorInput.Check),
    ];

    /// <summary>The detail fields of one kind, its own first, then those every item has.</summary>
    public static IReadOnlyList<EditorField> For(ContentKind kind) => kind switch
    {
        ContentKind.Document => [.. Document, .. Common],
        ContentKind.Plan => [.. Plan, .. DocumentFields(required: false), .. Common],
        ContentKind.Village => [.. Village, .. Common],
        ContentKind.Product => [.. Product, .. Common],
        ContentKind.Sight => [.. Sight, .. Common],
        ContentKind.Route => [.. Route, .. Common],
        ContentKind.Event => [.. Event, .. Common],
        ContentKind.Locality => [.. Locality, .. Common],
        ContentKind.Craft => [.. Craft, .. Common],
        _ => Common,
    };

    /// <summary>The field (or group row field) a key names, indexes ignored: "village.figures[2].year" → Năm.</summary>
    public static EditorField? Find(ContentKind kind, string key)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(key, @"\[\d+\]", "");
        foreach (var field in For(kind))
        {
            if (field.Key == plain) return field;
            if (field.Row is not null && plain.StartsWith(field.Key + ".", StringComparison.Ordinal))
                return field.Row.FirstOrDefault(r => plain == field.Key + "." + r.Key);
        }
        return null;
    }
}
