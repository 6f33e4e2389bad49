using Microsoft.AspNetCore.Http;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Web;

/// <summary>
/// Search and its suggestions are limited per client address; an IPv6 client is one /64 (one subscriber gets a whole
/// /64 and can change the rest at will), an IPv4 client one address. Beyond the limit: 429, Retry-After, a Vietnamese page.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new()
    {
        Settings =
        {
            ["Portal:PublicOrigin"] = RawRequest.Origin,
            ["Portal:Search:PermitLimit"] = "3",
            ["Portal:Search:SuggestPermitLimit"] = "3",
            ["Portal:SignIn:PermitLimit"] = "2",
        },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<int> StatusAsync(string url, string peer, string method = "GET") =>
        (await RawRequest.SendAsync(_factory, url, peer, method: method)).Response.StatusCode;

    private async Task AssertLimitedAsync(string url, string peer)
    {
        var limited = await RawRequest.SendAsync(_factory, url, peer);
        Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
        Assert.True(int.TryParse(limited.Response.Headers.RetryAfter.ToString(), out var seconds) && seconds > 0, $"Retry-After: {limited.Response.Headers.RetryAfter}");
        Assert.Contains("Quá nhiều yêu cầu", await RawRequest.BodyAsync(limited), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tim-kiem?q=gom")]
    [InlineData("/api/search/suggest?q=gom")]
    public async Task Search_is_limited_per_address_and_per_ipv6_64(string url)
    {
        // Three addresses of one /64 share its allowance…
        Assert.Equal(200, await StatusAsync(url, "2001:db8:aa:bb::1"));
        Assert.Equal(200, await StatusAsync(url, "2001:db8:aa:bb::2"));
        Assert.Equal(200, await StatusAsync(url, "2001:db8:aa:bb:1234:5678:9abc:def0"));
        await AssertLimitedAsync(url, "2001:db8:aa:bb:ffff::9");
        // …the next /64 has its own.
        Assert.Equal(200, await StatusAsync(url, "2001:db8:aa:bc::1"));

        // IPv4: one address each; the same address written as IPv4-mapped IPv6 is the same client.
        for (var i = 0; i < 3; i++) Assert.Equal(200, await StatusAsync(url, "203.0.113.5"));
        await AssertLimitedAsync(url, "::ffff:203.0.113.5");
        Assert.Equal(200, await StatusAsync(url, "203.0.113.6"));
    }

    [Fact]
    public async Task Sign_in_posts_from_one_ipv6_64_share_the_per_address_limit()
    {
        // No antiforgery token, so each post is refused (400) — after the limiter has counted it.
        Assert.Equal(400, await StatusAsync("/dang-nhap", "2001:db8:1:1::1", "POST"));
        Assert.Equal(400, await StatusAsync("/dang-nhap", "2001:db8:1:1::2", "POST"));
        Assert.Equal(429, await StatusAsync("/dang-nhap", "2001:db8:1:1:8000::3", "POST"));
        Assert.Equal(400, await StatusAsync("/dang-nhap", "2001:db8:1:2::1", "POST"));
    }
}

public sealed class ClientKeyTests
{
    [Theory]
    [InlineData(null, "unknown")]
    [InlineData("203.0.113.5", "203.0.113.5")]
    [InlineData("::ffff:203.0.113.5", "203.0.113.5")]
    [InlineData("2001:db8:aa:bb:1234:5678:9abc:def0", "2001:db8:aa:bb::/64")]
    [InlineData("2001:db8:aa:bb::1", "2001:db8:aa:bb::/64")]
    [InlineData("::1", "::/64")]
    public void A_client_is_an_ipv4_address_or_an_ipv6_64(string? address, string key) =>
        Assert.Equal(key, PublicPortal.Web.Features.Web.RateLimits.ClientKey(address is null ? null : System.Net.IPAddress.Parse(address)));
}
