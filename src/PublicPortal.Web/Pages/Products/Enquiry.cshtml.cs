using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Enquiries;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Products;

/// <summary>
/// The buyer enquiry, at its own URL so the product page carries no antiforgery cookie and stays cacheable.
/// Cross-site posts are refused by their Origin/Sec-Fetch-Site headers instead of a token.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class EnquiryModel(CatalogueService catalogue, EnquiryDesk desk, PortalDbContext db, ILogger<EnquiryModel> logger) : PageModel
{
    [BindProperty]
    public EnquiryForm Form { get; set; } = new();

    public ContentItem Product { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public bool Sent { get; private set; }

    /// <summary>The reference of the enquiry just sent (or of the earlier identical one).</summary>
    public string? Reference { get; private set; }

    /// <summary>Why a valid enquiry was not stored; the form is shown again with the buyer's words.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The enquiry had been received already: the page says so, with its reference, instead of storing it twice.</summary>
    public DateTime? AlreadyReceivedAtUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        Sent = Request.Query["da-gui"] == "1";
        var reference = Request.Query["ma"].ToString();
        // Only a reference this product really received is shown: the address cannot be made to display another.
        if (Sent && reference.Length is > 0 and <= EnquiryLimits.Reference)
            Reference = await db.Enquiries.Where(e => e.Reference == reference && e.ProductSlug == slug).Select(e => e.Reference).FirstOrDefaultAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        if (CrossSitePosts.IsCrossSite(HttpContext)) return BadRequest();
        if (!string.IsNullOrEmpty(Form.Website))
        {
            // A bot filled the hidden field: answer as if it worked, store nothing.
            logger.LogInformation("Enquiry honeypot triggered for {Product}", slug);
            return Redirect($"{SiteLinks.ProductEnquiry(slug)}?da-gui=1");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        switch (await desk.SubmitAsync(slug, Form, RateLimits.ClientKey(HttpContext.Connection.RemoteIpAddress), cancellationToken))
        {
            case EnquiryOutcome.Accepted accepted:
                // Post/redirect/get: a reload shows the thank-you page instead of sending again.
                return Redirect($"{SiteLinks.ProductEnquiry(slug)}?da-gui=1&ma={accepted.Reference}");
            case EnquiryOutcome.Duplicate duplicate:
                Response.StatusCode = StatusCodes.Status409Conflict;
                Reference = duplicate.Reference;
                AlreadyReceivedAtUtc = duplicate.ReceivedAtUtc;
                return Page();
            case EnquiryOutcome.Limited limited:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = RateLimits.Seconds(limited.RetryAfter);
                var minutes = Math.Max(1, (int)Math.Ceiling(limited.RetryAfter.TotalMinutes));
                Refusal = $"Câu hỏi chưa được gửi: từ địa chỉ mạng của bạn đã có {limited.Limit} câu hỏi được gửi trong {limited.WindowMinutes} phút qua, mức tối đa cho phép. Vui lòng gửi lại sau khoảng {minutes} phút; nội dung bạn đã nhập vẫn được giữ bên dưới.";
                return Page();
            default:
                throw new InvalidOperationException("Unknown enquiry outcome");
        }
    }

    public EnquiryFormView FormView => EnquiryFormView.For(Product, Today, Form, Refusal);

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var c = await catalogue.LoadAsync(cancellationToken);
        if (c.Find(ContentKind.Product, slug) is not { } product) return false;
        Product = product;
        Today = c.Today;
        ViewData.Metadata().Title = $"Hỏi mua: {product.Title}";
        ViewData.Metadata().NoIndex = true;
        return true;
    }
}
