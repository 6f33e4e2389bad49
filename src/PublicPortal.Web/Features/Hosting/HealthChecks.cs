using System.Text.Json;
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

/// <summary>Free space under the data directory: below 200 MB saves and uploads will soon fail.</summary>
internal sealed class DiskSpaceHealthCheck(PortalPaths paths) : IHealthCheck
{
    public const long MinimumBytes = 200L * 1024 * 1024;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var free = DiskSpace.FreeBytes(paths.DataDirectory);
        var data = new Dictionary<string, object> { ["freeBytes"] = free };
        return Task.FromResult(free >= MinimumBytes
            ? HealthCheckResult.Healthy($"{free / 1024 / 1024} MB free", data)
            : HealthCheckResult.Unhealthy($"only {free / 1024 / 1024} MB free", data: data));
    }
}

/// <summary>/healthz as JSON: the overall status and each check's status and description, for monitors and people.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
