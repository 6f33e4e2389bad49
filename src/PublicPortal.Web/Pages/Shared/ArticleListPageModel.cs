using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Shared;

/// <summary>A paginated list of one kind (news, announcements): /tin-tuc?page=2.</summary>
public abstract class ArticleListPageModel(PortalDbContext db, TimeProvider clock, IOptions<PortalOptions> options, PublishedItems published) : PageModel
{
    protected abstract ContentKind Kind { get; }

    public ContentKindInfo Info => ContentKinds.Of(Kind);
    public Paged<ContentItem> Items { get; private set; } = null!;
    public PagerModel Pager => new(Items.Page, Items.TotalPages, n => Paging.HrefFor(Request, "page", n), $"Phân trang {Info.Label.ToLowerInvariant()}");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Paging.TryReadPage(Request.Query["page"], out var page)) return BadRequest();
        var now = clock.GetUtcNow().UtcDateTime;
        Items = await published.MemoAsync(("list", Kind, page), () => db.ContentItems.AsNoTracking().Visible(Kind, now).Newest().ListFields()
            .ToPagedAsync(page, options.Value.PageSize, cancellationToken));
        ViewData.Metadata().Title = Paging.Title(Info.Label, page);
        ViewData.Metadata().Canonical = SiteLinks.ListPage(Kind, page); // each page of the list is its own page to a search engine
        return page > Items.TotalPages ? NotFound() : Page();
    }
}
