using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Enquiries;

/// <summary>
/// What the form partial needs: where to post, the values to show again after an error, why the enquiry was not sent
/// when it was valid (<paramref name="Refusal"/>), and what a buyer should know about the product first.
/// </summary>
public sealed record EnquiryFormView(string ProductSlug, EnquiryForm Form, string? Refusal = null, string? CertificateNote = null)
{
    public static EnquiryFormView For(ContentItem product, DateOnly today, EnquiryForm form, string? refusal = null)
    {
        ArgumentNullException.ThrowIfNull(product);
        return new(product.Slug, form, refusal, CertificateNoteFor(product, today));
    }

    /// <summary>A buyer may be asking for an OCOP product that no longer holds the rating: say so before they write.</summary>
    public static string? CertificateNoteFor(ContentItem product, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (product.Product is not { } details || Catalogue.Ocop.StateOf(details, today) != Catalogue.CertificateState.Expired) return null;
        return $"Lưu ý: chứng nhận OCOP của sản phẩm này đã hết hiệu lực ({Catalogue.Ocop.Describe(details, today)}); sản phẩm hiện không còn được tính là sản phẩm OCOP. Bạn vẫn có thể gửi câu hỏi và hỏi chủ thể về việc đánh giá lại.";
    }
}
