using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Traffic;

namespace PublicPortal.Tests.Traffic;

/// <summary>
/// Two nodes on one PostgreSQL and one Redis, readers spread over both (as a load balancer spreads them): every view is
/// counted once, a reader whose requests go to both nodes is one visit, and "Đang truy cập" on either node counts the
/// readers of both.
/// </summary>
public sealed class ClusterTrafficTests : IAsyncLifetime
{
    private readonly PortalFactory _first = new()
    {
        Provider = DatabaseProvider.PostgreSql, UseRedis = true, Settings = { ["Portal:Traffic:TrustAllProxies"] = "true" },
    };
    private PortalFactory _second = null!;

    public Task InitializeAsync()
    {
        _second = _first.NextNode();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    private static Task FlushAsync(PortalFactory node) => node.Services.GetRequiredService<TrafficCounter>().FlushAsync();

    [Fact]
    public async Task Readers_spread_over_two_nodes_are_counted_once_each_and_online_on_both()
    {
        const int readers = 20, viewsEach = 6;
        var nodes = new[] { _first.CreateReader(), _second.CreateReader() };
        var today = TrafficCounter.DayOf(_first.Clock.GetUtcNow());
        var url = "/tin-tuc/" + await _first.FirstPublishedSlugAsync(ContentKind.News);
        await Task.WhenAll(Enumerable.Range(0, readers).Select(reader => Task.Run(async () =>
        {
            for (var view = 0; view < viewsEach; view++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 reader-{reader}");
                request.Headers.Add("X-Forwarded-For", $"10.20.{reader}.7");
                using var response = await nodes[(reader + view) % 2].SendAsync(request);
                response.EnsureSuccessStatusCode();
            }
        })));
        // Each node's once-a-second flush, in turn, then once more: each has heard of the other's readers.
        await FlushAsync(_first);
        await FlushAsync(_second);
        await FlushAsync(_first);

        DailyTraffic? day = null;
        await _first.WithDbAsync(async db => day = await db.DailyTraffic.AsNoTracking().SingleAsync(x => x.Day == today));
        Assert.Equal(readers * viewsEach, day!.PageViews);
        Assert.Equal(readers, day.Visits);
        Assert.Equal(readers, _first.Services.GetRequiredService<TrafficCounter>().Online);
        Assert.Equal(readers, _second.Services.GetRequiredService<TrafficCounter>().Online);
    }

    [Fact]
    public async Task With_redis_gone_the_pages_are_served_the_views_counted_and_sign_in_and_enquiries_answered_on_the_node_itself()
    {
        var closedPort = System.Net.Sockets.TcpListener.Create(0);
        closedPort.Start();
        var port = ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop(); // nothing listens there now
        await using var alone = new PortalFactory
        {
            Settings = { ["ConnectionStrings:Redis"] = $"127.0.0.1:{port},connectTimeout=500,syncTimeout=1000,asyncTimeout=1000" },
        };
        var reader = alone.CreateReader();
        reader.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        var today = TrafficCounter.DayOf(alone.Clock.GetUtcNow());
        foreach (var url in new[] { "/", "/tin-tuc", "/lang-nghe", "/gioi-thieu", "/" })
            Assert.Equal(System.Net.HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode);
        await FlushAsync(alone);
        DailyTraffic? day = null;
        await alone.WithDbAsync(async db => day = await db.DailyTraffic.AsNoTracking().SingleOrDefaultAsync(x => x.Day == today));
        Assert.Equal(5, day?.PageViews);
        Assert.Equal(1, day?.Visits);
        // The sign-in limits fall back to the node's own window: a wrong password is answered, not a 500.
        var guess = await PublicPortal.Tests.Admin.StaffClient.PostFormAsync(PublicPortal.Tests.Admin.StaffClient.Anonymous(alone), "/dang-nhap",
            new() { ["Email"] = "khong-ai@example.vn", ["Password"] = "doan-mat-khau-abc-1" });
        Assert.Equal(System.Net.HttpStatusCode.OK, guess.StatusCode);
        // So does the enquiry limit: the buyer's enquiry is stored and thanked.
        var enquiry = await reader.PostAsync("/san-pham/gom-cham-son-hoa/hoi-mua", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "Nguyễn An", ["Form.Contact"] = "0912 345 678", ["Form.Message"] = "Tôi cần mua gốm làm quà tặng.",
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, enquiry.StatusCode);
    }
}
