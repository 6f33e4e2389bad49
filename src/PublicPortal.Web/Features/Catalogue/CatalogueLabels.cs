using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>Vietnamese labels and URL keys of the catalogue's enumerations, in one place for pages, filters and open data.</summary>
public static class CatalogueLabels
{
    public static readonly IReadOnlyList<(string Key, VillageType Value, string Label)> VillageTypes =
    [
        ("lang-nghe", VillageType.CraftVillage, "Làng nghề"),
        ("lang-nghe-truyen-thong", VillageType.TraditionalCraftVillage, "Làng nghề truyền thống"),
        ("chua-cong-nhan", VillageType.NotRecognised, "Nghề chưa được công nhận làng nghề"),
    ];

    public static readonly IReadOnlyList<(string Key, VillageStatus Value, string Label)> VillageStatuses =
    [
        ("hoat-dong", VillageStatus.Active, "Đang hoạt động"),
        ("nguy-co", VillageStatus.AtRisk, "Có nguy cơ mai một"),
        ("tam-ngung", VillageStatus.Paused, "Tạm ngừng"),
        ("thu-hoi", VillageStatus.Revoked, "Bị thu hồi danh hiệu"),
    ];

    /// <summary>The six product groups of Quyết định 148/QĐ-TTg.</summary>
    public static readonly IReadOnlyList<string> OcopGroups =
    [
        "Thực phẩm", "Đồ uống", "Thảo dược", "Vải và may mặc", "Lưu niệm – nội thất – trang trí", "Dịch vụ du lịch cộng đồng và điểm du lịch",
    ];

    public static string Of(VillageType type) => VillageTypes.First(t => t.Value == type).Label;

    public static string Of(VillageStatus status) => VillageStatuses.First(s => s.Value == status).Label;

    public static string KeyOf(VillageType type) => VillageTypes.First(t => t.Value == type).Key;

    public static string KeyOf(VillageStatus status) => VillageStatuses.First(s => s.Value == status).Key;

    public static string CssOf(VillageStatus status) => status switch
    {
        VillageStatus.Active => "badge-active",
        VillageStatus.AtRisk => "badge-at-risk",
        VillageStatus.Paused => "badge-paused",
        _ => "badge-revoked",
    };

    public static string CssOf(CertificateState state) => state switch
    {
        CertificateState.Valid => "badge-valid",
        CertificateState.Expired => "badge-expired",
        _ => "badge-unknown",
    };

    public static string Stars(int stars) => new string('★', stars) + new string('☆', 5 - stars);

    public static string Group(int group) => group is >= 1 and <= 6 ? OcopGroups[group - 1] : "Chưa phân nhóm";

    public static string Measure(string measure) => measure switch
    {
        "households" => "Số hộ",
        "workers" => "Số lao động",
        "artisans" => "Số nghệ nhân",
        _ => measure,
    };

    /// <summary>"khoảng 10.9396, 108.1653" for an approximate point, "10.933, 108.283" for a sourced one, or "đang cập nhật".</summary>
    public static string Position(GeoPoint? point) => point is null
        ? "đang cập nhật"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(point.Approximate ? "khoảng " : "")}{point.Latitude:0.####}, {point.Longitude:0.####}");

    public static string YesNo(bool? value) => value switch
    {
        true => "Có",
        false => "Chưa",
        null => "Chưa có số liệu",
    };
}
