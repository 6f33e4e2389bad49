using Microsoft.Extensions.Options;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// Looks ahead to the next scheduled publication and sleeps until it (or until a write, which may schedule an earlier
/// one); when the time passes, the item's went-live change goes through the writer, so pages, lists, search, feeds and
/// the sitemap change at that minute through the same handlers as any save.
/// </summary>
internal sealed class ScheduledPublisher(
    IServiceScopeFactory scopes, ChangeFeed feed, TimeProvider clock, IOptions<ChangeFeedOptions> options, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recheck = TimeSpan.FromSeconds(options.Value.ScheduleRecheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var written = feed.NextWrite;
            var wait = recheck;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var writer = scope.ServiceProvider.GetRequiredService<ContentWriter>();
                await writer.RecordWentLiveAsync(stoppingToken);
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
