using QRCoder;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>What a product's printed label shows: its QR code (QRCoder, as SVG) and its code in two groups of three.</summary>
public static class ProductLabels
{
    /// <summary>The QR code of <paramref name="url"/> as inline SVG, with error correction Q: a scuffed label still reads.</summary>
    public static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(4);
        // Inline in the page: no XML declaration inside HTML.
        return svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
    }

    /// <summary>"K7M2QX" → "K7M 2QX", as read aloud or typed from a label.</summary>
    public static string Grouped(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == ProductCodes.Length ? code[..3] + " " + code[3..] : code;
    }
}
