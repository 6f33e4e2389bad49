using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Links;

/// <summary>
/// Checks the links to other sites that are due: new ones, failing ones sooner, the rest every few days. Politely: one
/// request at a time, at least <see cref="LinkCheckOptions.HostSpacingSeconds"/> apart per host, HEAD before GET,
/// headers only, a timeout on each. With several nodes, the one holding the lease does it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore outlives every user of it (a singleton, as TrafficCounter's).")]
public sealed class LinkChecker(
    IServiceScopeFactory scopes, IHttpClientFactory clients, NodeLeases leases, IOptions<LinkCheckOptions> options, TimeProvider clock, ILogger<LinkChecker> logger)
{
    public const string LeaseName = "link-check";
    public const string HttpClientName = "link-check";

    /// <summary>
    /// Longer than the longest check of one link (HEAD and GET, each through every redirect, each with its spacing and
    /// timeout); renewed before each link, so no other node can start on the same hosts meanwhile.
    /// </summary>
    private TimeSpan LeaseTime => TimeSpan.FromSeconds(2 * (LinkProbe.MaxRedirects + 1) * (options.Value.TimeoutSeconds + options.Value.HostSpacingSeconds) + 60);

    private readonly SemaphoreSlim _running = new(1, 1);

    // Per host, when the next request may go (Environment.TickCount64): real time, as politeness is.
    private readonly Dictionary<string, long> _nextTurn = new(StringComparer.Ordinal);

    /// <summary>Reads new links from the content, then checks what is due; returns how many links were checked.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            if (!await leases.TryTakeAsync(LeaseName, LeaseTime, cancellationToken)) return 0;
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ExternalLinkSync>().RunAsync(cancellationToken);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var settings = options.Value;
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.ExternalLinks.Where(l => l.NextCheckAtUtc <= now).OrderBy(l => l.NextCheckAtUtc).ThenBy(l => l.Id).Take(settings.MaxPerRound).ToListAsync(cancellationToken);
            var probe = new LinkProbe(clients.CreateClient(HttpClientName), TimeSpan.FromSeconds(settings.TimeoutSeconds), WaitTurnAsync, Done);
            var checkedCount = 0;
            // Hosts take turns: a link whose host was just asked waits behind links to other hosts.
            foreach (var link in Interleaved(due))
            {
                if (leases.Shared && !await leases.TryTakeAsync(LeaseName, LeaseTime, cancellationToken)) break; // another node took over
                var result = await probe.CheckAsync(new Uri(link.Url), cancellationToken);
                var (state, problem, failures) = LinkProbe.Judge(result, link.Failures, settings.FailuresBeforeBroken);
                var at = clock.GetUtcNow().UtcDateTime;
                if (state == LinkState.Broken && link.State != LinkState.Broken) link.BrokenSinceUtc = at;
                if (state != LinkState.Broken) link.BrokenSinceUtc = null;
                (link.State, link.StatusCode, link.Problem, link.Failures, link.CheckedAtUtc) = (state, result.Status, Clip(problem), failures, at);
                // A failing link is tried again after 1, 2, 4… hours; the others after the recheck interval.
                link.NextCheckAtUtc = state == LinkState.Failing ? at.AddHours(Math.Pow(2, Math.Min(failures - 1, 6))) : at.AddDays(settings.RecheckDays);
                await db.SaveChangesAsync(cancellationToken); // link by link: a stop loses at most the one under way
                checkedCount++;
                if (state is LinkState.Broken or LinkState.Failing) logger.LogInformation("Link check: {Url} is {State}: {Problem}", link.Url, state, problem);
            }
            return checkedCount;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Asks for a link to be checked at the next round (an editor fixed the page it points to, or wants to know now).</summary>
    public static async Task<bool> RecheckSoonAsync(PortalDbContext db, int id, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ExternalLinks.Where(l => l.Id == id).ExecuteUpdateAsync(s => s.SetProperty(l => l.NextCheckAtUtc, now), cancellationToken) == 1;
    }

    private static string? Clip(string? problem) => problem is { Length: > ExternalLinkLimits.Problem } ? problem[..ExternalLinkLimits.Problem] : problem;

    private static IEnumerable<ExternalLink> Interleaved(List<ExternalLink> links)
    {
        var queues = links.GroupBy(l => l.Host, StringComparer.Ordinal).Select(g => new Queue<ExternalLink>(g)).ToList();
        while (queues.Count > 0)
        {
            foreach (var queue in queues) yield return queue.Dequeue();
            queues.RemoveAll(q => q.Count == 0);
        }
    }

    /// <summary>Waits until the host's last request ended at least the spacing ago (requests go one at a time).</summary>
    private async Task WaitTurnAsync(string host, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (_nextTurn.TryGetValue(host, out var next) && next > now) await Task.Delay(TimeSpan.FromMilliseconds(next - now), cancellationToken);
    }

    private void Done(string host)
    {
        var now = Environment.TickCount64;
        _nextTurn[host] = now + (long)(options.Value.HostSpacingSeconds * 1000);
        if (_nextTurn.Count > 10_000) foreach (var old in _nextTurn.Where(t => t.Value < now).Select(t => t.Key).ToList()) _nextTurn.Remove(old);
    }
}
