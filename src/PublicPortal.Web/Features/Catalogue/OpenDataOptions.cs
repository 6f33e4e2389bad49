using System.ComponentModel.DataAnnotations;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>"Portal:OpenData": the licence the open data is published under, and who publishes it.</summary>
public sealed class OpenDataOptions
{
    public const string Section = "Portal:OpenData";

    [Required]
    public string LicenseName { get; set; } = "CC BY 4.0";

    [Required, Url]
    public string LicenseUrl { get; set; } = "https://creativecommons.org/licenses/by/4.0/";

    [Required]
    public string Publisher { get; set; } = "Cổng thông tin làng nghề Bình Thuận";
}
