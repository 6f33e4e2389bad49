using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Routes;

[PublicPortal.Web.Features.Hosting.PublicCache("page", ShowsCatalogue = true)]
public sealed class IndexModel(CatalogueService catalogue, IOptions<Features.Hosting.PortalOptions> options) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;

    /// <summary>This page of the routes (hundreds nationally, each with its stops worked out).</summary>
    public Paged<ContentItem> Results { get; private set; } = null!;

    public PagerModel Pager => new(Results.Page, Results.TotalPages, n => Paging.HrefFor(Request, "page", n), "Phân trang tuyến du lịch");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Paging.TryReadPage(Request.Query["page"], out var page)) return BadRequest();
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        Results = Paging.Slice(Catalogue.Routes, page, options.Value.CataloguePageSize);
        if (page > Results.TotalPages) return NotFound();
        ViewData.Metadata().Title = Paging.Title("Tuyến du lịch", page);
        ViewData.Metadata().Description = "Tuyến du lịch nối các làng nghề và điểm đến của Bình Thuận, có bản đồ và tệp GPX.";
        return Page();
    }
}
