using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Enquiries;

/// <summary>What a buyer sends; messages are in Vietnamese because they are shown next to the fields.</summary>
public sealed class EnquiryForm : IValidatableObject
{
    [Required(ErrorMessage = "Vui lòng nhập họ tên.")]
    [StringLength(EnquiryLimits.Name, MinimumLength = 2, ErrorMessage = "Họ tên cần từ 2 đến 100 ký tự.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập thư điện tử hoặc số điện thoại để chủ thể liên lạc lại.")]
    [StringLength(EnquiryLimits.Contact, ErrorMessage = "Thông tin liên hệ quá dài.")]
    public string? Contact { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập nội dung câu hỏi.")]
    [StringLength(EnquiryLimits.Message, MinimumLength = 10, ErrorMessage = "Nội dung cần từ 10 đến 2.000 ký tự.")]
    public string? Message { get; set; }

    /// <summary>Honeypot: hidden from people, filled by bots.</summary>
    public string? Website { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Contact) && !IsEmail(Contact) && !IsPhone(Contact))
            yield return new ValidationResult("Hãy nhập một địa chỉ thư điện tử (ví dụ ten@example.com) hoặc số điện thoại (ví dụ 0912 345 678).", [nameof(Contact)]);
    }

    public static bool IsEmail(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Contains('@', StringComparison.Ordinal) && !trimmed.Contains(' ', StringComparison.Ordinal) &&
               MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && address.Host.Contains('.', StringComparison.Ordinal);
    }

    public static bool IsPhone(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '.' or '-' or '(' or ')')) return false;
        var digits = trimmed.Count(char.IsAsciiDigit);
        return digits is >= 8 and <= 15;
    }
}
