using Microsoft.Extensions.Options;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// Looks ahead to the next scheduled publication and sleeps until it (or until a write, which may schedule an earlier
/// one); when the time passes, the item's went-live change goes through the writer, so pages, lists, search, feeds and
/// the sitemap change at that minute through the same handlers as any save. With several nodes, the one holding the
/// schedule lease does it (the writers' lock inside <see cref="ContentWriter.RecordWentLiveAsync"/> still makes one
/// record if two ever overlap, e.g. while a lease changes hands).
/// </summary>
internal sealed class ScheduledPublisher(
    IServiceScopeFactory scopes, NodeLeases leases, ChangeFeed feed, TimeProvider clock, IOptions<ChangeFeedOptions> options, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    public const string LeaseName = "scheduled-publishing";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lease = TimeSpan.FromSeconds(options.Value.ScheduleLeaseSeconds);
        // With other nodes, renewed three times within its life, so a live holder never loses it; alone, no lease to renew.
        var recheck = TimeSpan.FromSeconds(leases.Shared
            ? Math.Min(options.Value.ScheduleRecheckSeconds, options.Value.ScheduleLeaseSeconds / 3.0)
            : options.Value.ScheduleRecheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var written = feed.NextWrite;
            var wait = recheck;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var writer = scope.ServiceProvider.GetRequiredService<ContentWriter>();
                if (await leases.TryTakeAsync(LeaseName, lease, stoppingToken))
                {
                    await writer.RecordWentLiveAsync(stoppingToken);
                    await writer.TakeDownExpiredAsync(stoppingToken);
                }
                if (await writer.NextScheduledAsync(stoppingToken) is { } next)
                {
                    var until = next - clock.GetUtcNow().UtcDateTime;
                    // A moment after the time, so the item is visible when its record is written.
                    wait = until < recheck ? until + TimeSpan.FromMilliseconds(50) : recheck;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Scheduled publishing: checking for items that went live failed; trying again shortly");
            }
            if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
            try
            {
                await Task.WhenAny(written, Task.Delay(wait, stoppingToken));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
