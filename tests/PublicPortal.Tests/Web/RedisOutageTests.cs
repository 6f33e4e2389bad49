using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Web;

/// <summary>
/// Redis goes away under a node (a crash, a restart, a network cut): readers still get every page at once, uncached,
/// an edit made meanwhile is on the site at once, and when Redis is back the node caches in it again, without serving
/// anything stale.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly int _port = WatchedProcess.FreePort();
    private readonly string _folder = RepositoryPaths.NewTempDirectory("portal-redis");
    private Process? _redis;
    private PortalFactory _site = null!;

    /// <summary>A Redis of this test's own (tests/run.sh installs redis-server), so it can be killed.</summary>
    private async Task StartRedisAsync()
    {
        _redis = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--save", "", "--appendonly", "no", "--dir", _folder])
        {
            RedirectStandardOutput = true,
        })!;
        _redis.OutputDataReceived += (_, _) => { };
        _redis.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException("redis-server did not start");
    }

    public async Task InitializeAsync()
    {
        await StartRedisAsync();
        _site = new PortalFactory { Provider = DatabaseProvider.PostgreSql, UseRedis = true, Settings = { ["ConnectionStrings:Redis"] = $"127.0.0.1:{_port}" } };
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        if (_redis is { HasExited: false }) _redis.Kill();
        _redis?.Dispose();
        RepositoryPaths.DeleteQuietly(_folder);
    }

    /// <summary>Two requests; the same ETag on both means the second was the first's stored copy.</summary>
    private static async Task<bool> ServedFromCacheAsync(HttpClient reader, string url)
    {
        var first = (await reader.GetAsync(url)).Headers.ETag?.Tag;
        var second = (await reader.GetAsync(url)).Headers.ETag?.Tag;
        return first is not null && first == second;
    }

    [Fact]
    public async Task Without_Redis_every_page_is_served_at_once_uncached_and_when_it_returns_caching_resumes_with_nothing_stale()
    {
        var reader = _site.CreateReader();
        var page = await _site.FirstPublishedAsync(ContentKind.Page);
        var url = "/" + page.Slug;
        Assert.True(await ServedFromCacheAsync(reader, url), "the page was not cached in Redis to begin with");

        _redis!.Kill();
        await _redis.WaitForExitAsync();
        foreach (var path in new[] { url, "/", "/tin-tuc", "/lang-nghe?ocop=1", "/tim-kiem?q=gom", "/rss.xml" })
        {
            var clock = Stopwatch.StartNew();
            var response = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // Not held for Redis's timeout (5 s) on each lookup and store: a reader would have left.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{path} took {clock.Elapsed.TotalSeconds:N1} s with Redis away");
        }

        Assert.IsType<SaveOutcome.Saved>(await _site.EditAsync(page.Id, i => { i.Summary = "Tóm tắt sửa khi Redis vắng mặt."; return i; }));
        Assert.Contains("Tóm tắt sửa khi Redis vắng mặt.", await reader.GetStringAsync(url), StringComparison.Ordinal);

        await StartRedisAsync();
        var redis = _site.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!redis.IsConnected && DateTime.UtcNow < until) await Task.Delay(200);
        Assert.True(redis.IsConnected, "the node did not reconnect to Redis within 60 s");
        Assert.True(await ServedFromCacheAsync(reader, url), "caching did not resume");
        Assert.Contains("Tóm tắt sửa khi Redis vắng mặt.", await reader.GetStringAsync(url), StringComparison.Ordinal);
    }
}
