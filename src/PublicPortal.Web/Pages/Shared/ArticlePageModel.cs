using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Markdown;
using PublicPortal.Web.Features.Web;
using PublicPortal.Web.Features.Traffic;

namespace PublicPortal.Web.Pages.Shared;

/// <summary>One article with its "Tin khác" list, itself paginated by ?other=n.</summary>
public abstract class ArticlePageModel(PortalDbContext db, TimeProvider clock, IOptions<PortalOptions> options, MarkdownRenderer markdown, PublishedItems published) : PageModel
{
    protected abstract ContentKind Kind { get; }

    public ContentKindInfo Info => ContentKinds.Of(Kind);
    public ContentItem Item { get; private set; } = null!;
    public HtmlString Body { get; private set; } = HtmlString.Empty;
    public Paged<ContentItem> Others { get; private set; } = null!;
    public PagerModel OthersPager => new(Others.Page, Others.TotalPages, n => Paging.HrefFor(Request, "other", n, "tin-khac"), "Phân trang tin khác");

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Paging.TryReadPage(Request.Query["other"], out var otherPage)) return BadRequest();
        var now = clock.GetUtcNow().UtcDateTime;
        var visible = db.ContentItems.AsNoTracking().Visible(Kind, now);
        var item = await published.FindAsync(db, Kind, slug, now, cancellationToken);
        if (item is null) return NotFound();
        Item = item;
        ServedItem.Set(HttpContext, item); // its "Tin khác" list shows its kind: the kind's tag comes with it
        Body = published.BodyOf(item, markdown);
        ViewData.Metadata().DescribeItem(item);
        Others = await published.MemoAsync(("others", Kind, item.Id, otherPage), () =>
            visible.Where(x => x.Id != item.Id).Newest().ListFields().ToPagedAsync(otherPage, options.Value.OtherItemsPageSize, cancellationToken));
        return otherPage > Others.TotalPages ? NotFound() : Page();
    }
}
