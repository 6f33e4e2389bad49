using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Content;

public static class ContentKinds
{
    public static readonly IReadOnlyList<ContentKindInfo> All =
    [
        new(ContentKind.News, "news", "/tin-tuc", "Tin tức", "tin"),
        new(ContentKind.Announcement, "announcements", "/thong-bao", "Thông báo", "thông báo"),
        new(ContentKind.Plan, "plans", "/chuong-trinh", "Chương trình, kế hoạch", "kế hoạch"),
        new(ContentKind.Document, "documents", "/van-ban", "Văn bản", "văn bản"),
        new(ContentKind.Page, "pages", "", "Trang", "trang"),
        new(ContentKind.Locality, "localities", "", "Địa bàn", "địa bàn"),
        new(ContentKind.Craft, "crafts", "", "Nghề", "nghề"),
        new(ContentKind.Village, "villages", "/lang-nghe", "Làng nghề", "làng nghề"),
        new(ContentKind.Product, "products", "/san-pham", "Sản phẩm OCOP", "sản phẩm"),
        new(ContentKind.Sight, "sights", "/diem-den", "Điểm đến", "điểm đến"),
        new(ContentKind.Route, "routes", "/tuyen-du-lich", "Tuyến du lịch", "tuyến"),
        new(ContentKind.Event, "events", "/su-kien", "Sự kiện, lễ hội", "sự kiện"),
    ];

    /// <summary>Folder under content/ that holds media originals rather than items.</summary>
    public const string MediaFolder = "media";

    public static ContentKindInfo Of(ContentKind kind) => All.First(x => x.Kind == kind);

    public static ContentKindInfo? FromFolder(string folder) =>
        All.FirstOrDefault(x => string.Equals(x.Folder, folder, StringComparison.Ordinal));

    public static string UrlOf(ContentKind kind, string slug) => $"{Of(kind).RoutePrefix}/{slug}";

    /// <summary>/tin-tuc/{slug} → (News, slug), /{slug} → (Page, slug); list pages have none. For old addresses (redirects), not for counting.</summary>
    private static readonly Dictionary<string, ContentKind> Sections = ContentKinds.All
        .Where(k => k.RoutePrefix.Length > 1).ToDictionary(k => k.RoutePrefix[1..], k => k.Kind, StringComparer.Ordinal);

    private static readonly Dictionary<string, ContentKind>.AlternateLookup<ReadOnlySpan<char>> SectionsBySpan = Sections.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The kind whose list lives at /{section} ("lang-nghe" → Village); none for anything else.</summary>
    public static ContentKind? FromSection(string section) => Sections.TryGetValue(section, out var kind) ? kind : null;

    public static (ContentKind, string)? ItemOf(string path)
    {
        var trimmed = path.AsSpan().Trim('/');
        if (trimmed.Length == 0) return null;
        var slash = trimmed.IndexOf('/');
        if (slash < 0) return SectionsBySpan.ContainsKey(trimmed) ? null : (ContentKind.Page, trimmed.ToString());
        var rest = trimmed[(slash + 1)..];
        if (rest.Contains('/')) return null;
        return SectionsBySpan.TryGetValue(trimmed[..slash], out var kind) ? (kind, rest.ToString()) : null;
    }
}
