using StackExchange.Redis;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// Several nodes: a node that commits a write says so on a Redis channel, and the others read the feed at once instead
/// of at their next poll, so an edit is on every node's pages within moments. The feed stays the truth: a lost
/// message (Redis away, a node subscribing late) only means that node reads it at its next poll.
/// </summary>
public sealed class ClusterChangeSignal(IConnectionMultiplexer redis, ChangeFeed feed, string channel, ILogger<ClusterChangeSignal> logger)
    : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    // Who sent it: a node ignores its own message (its processor was woken already).
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel = RedisChannel.Literal(channel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        feed.Committed += Publish;
        try
        {
            // A subscription taken once is renewed by the client after every reconnect; until the first succeeds, retry.
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await redis.GetSubscriber().SubscribeAsync(_channel, (_, from) =>
                    {
                        if (from != _node) feed.Wake();
                    });
                    break;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    logger.LogWarning(ex, "Listening to other nodes' writes (Redis) failed; their edits arrive at each poll until it works");
                    await Task.Delay(Retry, stoppingToken);
                }
            }
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            feed.Committed -= Publish;
        }
    }

    private void Publish()
    {
        try
        {
            redis.GetSubscriber().Publish(_channel, _node, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The write is committed; the other nodes will find it at their next poll.
            logger.LogDebug(ex, "Telling other nodes of a write (Redis) failed");
        }
    }
}
