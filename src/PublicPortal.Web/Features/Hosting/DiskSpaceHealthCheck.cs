using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PublicPortal.Web.Features.Hosting;

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
