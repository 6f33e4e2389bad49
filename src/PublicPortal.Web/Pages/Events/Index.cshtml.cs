using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Events;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Events;

[PublicPortal.Web.Features.Hosting.PublicCache("page", ShowsCatalogue = true)]
public sealed class IndexModel(CatalogueService catalogue, IOptions<Features.Hosting.PortalOptions> options) : PageModel
{
    public CatalogueSnapshot Catalogue { get; private set; } = null!;

    /// <summary>Events not over yet, soonest first: shown on the first page only.</summary>
    public IReadOnlyList<ContentItem> Upcoming { get; private set; } = [];

    /// <summary>This page of the past events, latest first, grouped by year on the page.</summary>
    public Paged<ContentItem> Past { get; private set; } = null!;

    public PagerModel Pager => new(Past.Page, Past.TotalPages, n => Paging.HrefFor(Request, "page", n, "da-dien-ra"), "Phân trang sự kiện đã diễn ra");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Paging.TryReadPage(Request.Query["page"], out var page)) return BadRequest();
        Catalogue = await catalogue.LoadAsync(cancellationToken);
        var c = Catalogue;
        var (upcoming, past) = c.EventsByDay;
        Upcoming = page == 1 ? upcoming : [];
        Past = Paging.Slice(past, page, options.Value.CataloguePageSize);
        if (page > Past.TotalPages && page > 1) return NotFound();
        ViewData.Metadata().Title = Paging.Title("Sự kiện, lễ hội", page);
        ViewData.Metadata().Description = "Lễ hội, hội chợ, lễ đón nhận danh hiệu và các sự kiện của làng nghề Bình Thuận: sắp diễn ra và đã diễn ra, kèm lịch iCalendar để theo dõi.";
        return Page();
    }
}
