using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Enquiries;

namespace PublicPortal.Web.Pages.Products;

/// <summary>
/// The buyer enquiry, at its own URL so the product page carries no antiforgery cookie and stays cacheable.
/// Cross-site posts are refused by their Origin/Sec-Fetch-Site headers instead of a token.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(EnquiryRateLimit.Policy)]
public sealed class EnquiryModel(CatalogueService catalogue, PortalDbContext db, TimeProvider clock, ILogger<EnquiryModel> logger) : PageModel
{
    [BindProperty]
    public EnquiryForm Form { get; set; } = new();

    public ContentItem Product { get; private set; } = null!;
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        Sent = Request.Query["da-gui"] == "1";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, cancellationToken)) return NotFound();
        if (IsCrossSite()) return BadRequest();
        if (!string.IsNullOrEmpty(Form.Website))
        {
            // A bot filled the hidden field: answer as if it worked, store nothing.
            logger.LogInformation("Enquiry honeypot triggered for {Product}", slug);
            return SentRedirect(slug);
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        db.Enquiries.Add(new Enquiry
        {
            ProductSlug = slug,
            Name = VietnameseText.Nfc(Form.Name!.Trim()),
            Contact = Form.Contact!.Trim(),
            Message = VietnameseText.Nfc(Form.Message!.Trim()),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return SentRedirect(slug);
    }

    // Post/redirect/get: a reload shows the thank-you page instead of sending again.
    private RedirectResult SentRedirect(string slug) => Redirect($"/san-pham/{slug}/hoi-mua?da-gui=1");

    private async Task<bool> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var c = await catalogue.LoadAsync(cancellationToken);
        if (c.Find(ContentKind.Product, slug) is not { } product) return false;
        Product = product;
        ViewData["Title"] = $"Hỏi mua: {product.Title}";
        ViewData["NoIndex"] = true;
        return true;
    }

    private bool IsCrossSite()
    {
        if (Request.Headers["Sec-Fetch-Site"].ToString() is "cross-site") return true;
        // "Origin: null" comes from sandboxed frames, data: URLs and some redirects: never from this site's own form.
        var origin = Request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return true;
        var site = new Uri(PublicPortal.Web.Features.Hosting.SiteUrls.OriginOf(HttpContext));
        return !string.Equals(uri.Authority, Request.Host.Value, StringComparison.OrdinalIgnoreCase)
               && !string.Equals(uri.Authority, site.Authority, StringComparison.OrdinalIgnoreCase);
    }
}
