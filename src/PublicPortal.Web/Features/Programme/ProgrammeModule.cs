using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Programme;

public static class ProgrammeModule
{
    /// <summary>Status codes of the open data, stable ASCII: dat, dung-tien-do, cham, chua-co-so-lieu.</summary>
    public static string Code(ProgressStatus status) => status switch
    {
        ProgressStatus.Achieved => "dat",
        ProgressStatus.OnTrack => "dung-tien-do",
        ProgressStatus.Behind => "cham",
        _ => "chua-co-so-lieu",
    };

    /// <summary>/api/chuong-trinh/{slug}/tien-do: the tracker's figures as JSON (open data, same as the page).</summary>
    public static IEndpointRouteBuilder MapProgramme(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/chuong-trinh/{slug}/tien-do", async (string slug, PortalDbContext db, CatalogueService catalogue, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var plan = await db.ContentItems.AsNoTracking().Visible(ContentKind.Plan, now).FirstOrDefaultAsync(x => x.Slug == slug, cancellationToken);
            if (plan is null) return Results.NotFound(new { error = "Không có chương trình, kế hoạch này." });
            var progress = ProgressTracker.MeasureShared(plan, await catalogue.LoadAsync(cancellationToken));
            static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return Results.Json(new Dictionary<string, object?>
            {
                ["plan"] = new Dictionary<string, object?>
                {
                    ["slug"] = plan.Slug, ["title"] = plan.Title, ["number"] = plan.DocumentNumber, ["period"] = plan.Period,
                    ["start_year"] = progress.StartYear, ["url"] = $"/chuong-trinh/{plan.Slug}/tien-do",
                },
                ["as_of"] = Date(progress.Today),
                ["targets"] = progress.Indicators.Select(i => new Dictionary<string, object?>
                {
                    ["number"] = i.Target.Number,
                    ["part"] = i.Target.Part,
                    ["text"] = i.Target.Text,
                    ["indicator"] = i.Target.Indicator,
                    ["unit"] = i.Target.Unit,
                    ["target"] = i.Target.Value,
                    ["goal"] = i.Target.Goal,
                    ["goal_must_be_exceeded"] = i.Target.Exceed,
                    ["deadline"] = i.Target.Deadline,
                    ["national_target"] = i.Target.National,
                    ["computed"] = i.Computed,
                    ["measure"] = i.Target.Measure,
                    ["value"] = i.Current,
                    ["counted"] = i.Counts?.Counted,
                    ["of"] = i.Counts?.Of,
                    ["year"] = i.Year,
                    ["status"] = Code(i.Status),
                    ["status_label"] = ProgressTracker.Label(i.Status),
                    ["expected"] = i.Expected,
                    ["source"] = i.Computed ? ProgressTracker.Measures[i.Target.Measure!] : i.Source,
                    ["source_url"] = i.SourceUrl,
                    ["updated"] = Date(i.Updated),
                    ["history"] = i.History.Select(h => new { year = h.Year, value = h.Value, counted = h.Counted, of = h.Of }),
                    ["villages"] = i.Breakdown.Select(b => new { name = b.Title, url = b.Url, counts = b.Counts, reason = b.Reason }),
                }),
                ["tasks"] = plan.Tasks.OrderBy(t => t.Number).Select(t => new { number = t.Number, text = t.Text, agency = t.Agency, status = t.Status }),
            }, statusCode: 200);
        }).CacheOutput(new PublicCacheAttribute { Shows = [ContentKind.Plan, ContentKind.News], ShowsCatalogue = true });
        return endpoints;
    }
}
