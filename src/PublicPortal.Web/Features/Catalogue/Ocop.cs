using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Catalogue;

/// <summary>OCOP ratings are valid for 36 months (Quyết định 148/QĐ-TTg); an expired one no longer counts as rated.</summary>
public static class Ocop
{
    public const int ValidityMonths = 36;

    public static DateOnly? ExpiryOf(ProductDetails product)
    {
        ArgumentNullException.ThrowIfNull(product);
        return product.CertificateExpiry ?? product.DecisionDate?.AddMonths(ValidityMonths);
    }

    public static CertificateState StateOf(ProductDetails product, DateOnly today) => ExpiryOf(product) switch
    {
        null => CertificateState.Unknown,
        var expiry when expiry.Value >= today => CertificateState.Valid,
        _ => CertificateState.Expired,
    };

    /// <summary>Counts as rated unless the certificate is known to have expired.</summary>
    public static bool IsRated(ProductDetails product, DateOnly today) => StateOf(product, today) != CertificateState.Expired;

    public static string Describe(ProductDetails product, DateOnly today)
    {
        var expiry = ExpiryOf(product);
        return StateOf(product, today) switch
        {
            CertificateState.Valid => "Còn hiệu lực đến " + VietnamTime.Date(expiry!.Value) + (product.DecisionDateApproximate ? " (ước tính)" : ""),
            CertificateState.Expired => "Hết hiệu lực từ " + VietnamTime.Date(expiry!.Value.AddDays(1)) + (product.DecisionDateApproximate ? " (ước tính)" : ""),
            _ => "Chưa rõ thời hạn (chưa xác nhận ngày công nhận)",
        };
    }
}
