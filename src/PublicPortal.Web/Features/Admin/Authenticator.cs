using QRCoder;

namespace PublicPortal.Web.Features.Admin;

/// <summary>Authenticator-app (TOTP) enrolment: the otpauth URI and its QR code, drawn as inline SVG on the server.</summary>
public static class Authenticator
{
    public const string Issuer = "Cổng làng nghề Bình Thuận";
    public const string EnrolPath = "/quan-tri/xac-thuc-hai-lop";

    public static string Uri(string email, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(email)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    public static string QrSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        // Inline in the page: drop the XML declaration, which is not allowed inside HTML.
        return svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
    }

    /// <summary>The key grouped by four, as apps show it when typed by hand.</summary>
    public static string Grouped(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
}
