using System.ComponentModel.DataAnnotations;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Enquiries;

namespace PublicPortal.Web.Features.Feedback;

/// <summary>A report of what is wrong on a page. Its messages are resource keys: the form is shown in Vietnamese and in English.</summary>
public sealed class FeedbackForm : IValidatableObject
{
    [Required(ErrorMessage = "Feedback.MessageRequired")]
    [StringLength(PageFeedbackLimits.Message, MinimumLength = 5, ErrorMessage = "Feedback.MessageLength")]
    public string? Message { get; set; }

    [StringLength(PageFeedbackLimits.Contact, ErrorMessage = "Feedback.ContactLength")]
    public string? Contact { get; set; }

    /// <summary>Honeypot: hidden from people, filled by bots.</summary>
    public string? Website { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (!string.IsNullOrWhiteSpace(Contact) && !EnquiryForm.IsEmail(Contact) && !EnquiryForm.IsPhone(Contact))
        {
            // MVC localizes the attributes' messages, not these: the request's localizer does it.
            var localizer = validationContext.GetService(typeof(Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>)) as Microsoft.Extensions.Localization.IStringLocalizer;
            yield return new ValidationResult(localizer?["Feedback.ContactInvalid"] ?? "Feedback.ContactInvalid", [nameof(Contact)]);
        }
    }
}
