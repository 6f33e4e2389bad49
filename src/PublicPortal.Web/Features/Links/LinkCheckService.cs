using Microsoft.Extensions.Options;

namespace PublicPortal.Web.Features.Links;

/// <summary>Runs the link checker every <see cref="LinkCheckOptions.PollSeconds"/> when it is enabled; a failure is logged and tried again next time.</summary>
internal sealed class LinkCheckService(LinkChecker checker, IOptions<LinkCheckOptions> options, ILogger<LinkCheckService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(poll, stoppingToken);
                await checker.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Link check failed; trying again at the next round");
            }
        }
    }
}
