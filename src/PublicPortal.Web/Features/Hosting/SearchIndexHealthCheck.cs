using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Search;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>The search index holds what the database publishes; a difference means search misses (or shows) items.</summary>
internal sealed class SearchIndexHealthCheck(PortalDbContext db, SearchIndex index) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var expected = await db.ContentItems.CountAsync(x => SearchDocument.IndexedKinds.Contains(x.Kind) && x.Status == ContentStatus.Published, cancellationToken);
        var actual = index.DocumentCount;
        var data = new Dictionary<string, object> { ["indexed"] = actual, ["database"] = expected };
        // Scheduled items are counted as published before their time, so the index may hold fewer: degraded, not down.
        return actual == expected ? HealthCheckResult.Healthy($"{actual} items", data)
            : HealthCheckResult.Degraded($"index holds {actual} items, database {expected}", data: data);
    }
}
