using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Programme;
using PublicPortal.Web.Features.Search;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;
using PublicPortal.Web.Features.Traffic;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.Programme;

/// <summary>/chuong-trinh/{slug}/tien-do: each target measured, judged and explained; the tasks with their latest news.</summary>
[PublicPortal.Web.Features.Hosting.PublicCache]
public sealed class ProgressModel(PortalDbContext db, CatalogueService catalogue, SearchIndex search, TimeProvider clock, PublishedItems published) : PageModel
{
    public PlanProgress Progress { get; private set; } = null!;
    public IReadOnlyDictionary<int, IReadOnlyList<SearchHit>> TaskNews { get; private set; } = new Dictionary<int, IReadOnlyList<SearchHit>>();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var plan = await published.FindAsync(db, ContentKind.Plan, slug, now, cancellationToken);
        if (plan is null) return NotFound();
        // Not the plan's own page (it does not count as a view of it), but it shows the plan, the catalogue and news.
        OutputCacheTags.Add(HttpContext, [OutputCacheTags.Item(plan.Id), OutputCacheTags.Kind(ContentKind.Plan), OutputCacheTags.Kind(ContentKind.News), .. OutputCacheTags.Catalogue]);
        Progress = ProgressTracker.MeasureShared(plan, await catalogue.LoadAsync(cancellationToken));
        // Searches per task: worked out once per change (news going live is a change too).
        TaskNews = published.Memo(("task-news", plan.Id, plan.Version), () => LatestNews(plan, search, now));
        ViewData.Metadata().Title = "Tiến độ " + (plan.DocumentNumber ?? plan.Title);
        ViewData.Metadata().Description = $"Tiến độ thực hiện {plan.Title}: từng mục tiêu, số liệu hiện nay, nguồn và đánh giá.";
        return Page();
    }

    /// <summary>For each task with a topic, the two most recent news items search finds for it.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<SearchHit>> LatestNews(ContentItem plan, SearchIndex search, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(search);
        return plan.Tasks.Where(t => t.Topic is not null).ToDictionary(t => t.Number, t => (IReadOnlyList<SearchHit>)search
            .Search(new SearchRequest(t.Topic!, ContentKind.News, PageSize: 5), nowUtc).Hits
            .OrderByDescending(h => h.PublishedAtUtc).Take(2).ToList());
    }
}
