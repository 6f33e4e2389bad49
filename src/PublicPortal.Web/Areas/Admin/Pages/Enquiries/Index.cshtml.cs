using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Areas.Admin.Pages.Enquiries;

/// <summary>Buyer enquiries sent from product pages: read, mark handled, export as CSV.</summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(Enquiry Enquiry, string ProductTitle);

    [BindProperty(SupportsGet = true, Name = "tat-ca")] public bool All { get; set; }

    /// <summary>The reference a buyer quotes on the phone ("HM-2026-000123"): finds that enquiry, handled or not.</summary>
    [BindProperty(SupportsGet = true, Name = "ma")] public string? Reference { get; set; }

    public List<Row> Rows { get; private set; } = [];
    public int Open { get; private set; }

    public async Task OnGetAsync()
    {
        Open = await db.Enquiries.CountAsync(e => !e.Handled);
        Reference = Reference?.Trim().ToUpperInvariant();
        if (Reference is { Length: > 0 and <= EnquiryLimits.Reference } reference)
        {
            Rows = await LoadAsync(null, 200, reference);
            return;
        }
        Reference = null;
        Rows = await LoadAsync(All ? null : false, 200);
    }

    public async Task<IActionResult> OnPostHandledAsync(int id, bool handled)
    {
        var enquiry = await db.Enquiries.SingleOrDefaultAsync(e => e.Id == id);
        if (enquiry is null) return NotFound();
        enquiry.Handled = handled;
        db.Audit(clock, User.Identity?.Name ?? "?", handled ? "enquiry-handled" : "enquiry-reopened", (handled ? "Đã xử lý hỏi mua của " : "Mở lại hỏi mua của ") + enquiry.Name, $"enquiry/{id}");
        await db.SaveChangesAsync();
        return Redirect(SiteLinks.Admin.Enquiries + (All ? "?tat-ca=true" : ""));
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var rows = (await LoadAsync(null, int.MaxValue)).Select(r => new OrderedDictionary<string, object?>
        {
            ["id"] = r.Enquiry.Id,
            ["reference"] = r.Enquiry.Reference,
            ["created"] = VietnamTime.ToOffset(r.Enquiry.CreatedAtUtc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["product"] = r.ProductTitle,
            ["product_url"] = SiteLinks.Item(ContentKind.Product, r.Enquiry.ProductSlug),
            ["name"] = r.Enquiry.Name,
            ["contact"] = r.Enquiry.Contact,
            ["message"] = r.Enquiry.Message,
            ["handled"] = r.Enquiry.Handled,
        }).ToList();
        var csv = OpenData.Csv(rows, ["id", "reference", "created", "product", "product_url", "name", "contact", "message", "handled"]);
        return File(csv, "text/csv; charset=utf-8", $"hoi-mua-{VietnamTime.ToOffset(clock.GetUtcNow().UtcDateTime):yyyy-MM-dd}.csv");
    }

    private async Task<List<Row>> LoadAsync(bool? handled, int take, string? reference = null)
    {
        var enquiries = db.Enquiries.AsNoTracking();
        if (handled is { } h) enquiries = enquiries.Where(e => e.Handled == h);
        if (reference is not null) enquiries = enquiries.Where(e => e.Reference == reference);
        return await (from e in enquiries
                      join p in db.ContentItems.Where(i => i.Kind == ContentKind.Product) on e.ProductSlug equals p.Slug into products
                      from p in products.DefaultIfEmpty()
                      orderby e.CreatedAtUtc descending
                      select new Row(e, p == null ? e.ProductSlug : p.Title)).Take(take).ToListAsync();
    }
}
