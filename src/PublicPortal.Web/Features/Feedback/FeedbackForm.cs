using System.ComponentModel.DataAnnotations;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Enquiries;

namespace PublicPortal.Web.Features.Feedback;

/// <summary>A report of what is wrong on a page; messages in Vietnamese because they are shown next to the fields.</summary>
public sealed class FeedbackForm : IValidatableObject
{
    [Required(ErrorMessage = "Vui lòng cho biết điều gì chưa đúng hoặc chưa rõ trên trang.")]
    [StringLength(PageFeedbackLimits.Message, MinimumLength = 5, ErrorMessage = "Nội dung cần từ 5 đến 1.200 ký tự.")]
    public string? Message { get; set; }

    [StringLength(PageFeedbackLimits.Contact, ErrorMessage = "Thông tin liên hệ quá dài.")]
    public string? Contact { get; set; }

    /// <summary>Honeypot: hidden from people, filled by bots.</summary>
    public string? Website { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Contact) && !EnquiryForm.IsEmail(Contact) && !EnquiryForm.IsPhone(Contact))
            yield return new ValidationResult("Hãy để trống, hoặc nhập một địa chỉ thư điện tử (ví dụ ten@example.com) hoặc số điện thoại (ví dụ 0912 345 678).", [nameof(Contact)]);
    }
}
