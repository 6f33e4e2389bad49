using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>
/// Two nodes with one Redis: the sign-in and enquiry limits hold across them, so a guesser or a spammer whose posts a
/// load balancer spreads over both nodes gets no more tries than on one node — sign-in per address (10 in 5 minutes)
/// and per account, accepted enquiries per address.
/// </summary>
public sealed class ClusterRateLimitTests : IAsyncLifetime
{
    private readonly PortalFactory _first;
    private readonly PortalFactory _second;

    public ClusterRateLimitTests()
    {
        _first = new PortalFactory
        {
            Provider = DatabaseProvider.PostgreSql, UseRedis = true,
            Settings = { ["Portal:Traffic:TrustAllProxies"] = "true", ["Portal:SignIn:AccountPermitLimit"] = "3", ["Portal:Enquiry:PermitLimit"] = "3" },
        };
        _second = _first.NextNode();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    private static HttpClient From(PortalFactory node, string address)
    {
        var client = StaffClient.Anonymous(node);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static Task<HttpResponseMessage> GuessAsync(HttpClient client, string email, int n) =>
        StaffClient.PostFormAsync(client, "/dang-nhap", new() { ["Email"] = email, ["Password"] = $"doan-mat-khau-{n}-abc" });

    [Fact]
    public async Task The_eleventh_post_from_one_address_is_refused_whichever_node_gets_it()
    {
        var nodes = new[] { From(_first, "10.77.0.1"), From(_second, "10.77.0.1") };
        for (var n = 0; n < 10; n++)
        {
            // A different account each time, so only the address's limit counts.
            var guess = await GuessAsync(nodes[n % 2], $"nguoi-{n}@example.vn", n);
            Assert.True(guess.StatusCode == HttpStatusCode.OK, $"post {n + 1}: {guess.StatusCode}");
        }
        foreach (var node in nodes)
            Assert.Equal(HttpStatusCode.TooManyRequests, (await GuessAsync(node, "nguoi-cuoi@example.vn", 11)).StatusCode);
        // Another address is not held back.
        Assert.Equal(HttpStatusCode.OK, (await GuessAsync(From(_second, "10.77.0.2"), "nguoi-0@example.vn", 12)).StatusCode);
    }

    [Fact]
    public async Task The_fourth_guess_at_one_account_is_refused_on_the_other_node_from_any_address()
    {
        await StaffClient.CreateUserAsync(_first, "hai-nut@example.vn", PortalRoles.Editor);
        for (var n = 0; n < 3; n++)
            Assert.Equal(HttpStatusCode.OK, (await GuessAsync(From(n % 2 == 0 ? _first : _second, $"10.78.0.{n + 1}"), "hai-nut@example.vn", n)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GuessAsync(From(_second, "10.78.0.9"), "hai-nut@example.vn", 4)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GuessAsync(From(_first, "10.78.0.10"), "hai-nut@example.vn", 5)).StatusCode);
    }

    private static Task<HttpResponseMessage> EnquireAsync(HttpClient client, int n) =>
        client.PostAsync("/san-pham/gom-cham-son-hoa/hoi-mua", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "Khách " + n, ["Form.Contact"] = "0912 345 678", ["Form.Message"] = $"Câu hỏi thử số {n} về gốm Chăm.",
        }));

    [Fact]
    public async Task The_fourth_enquiry_from_one_address_is_refused_whichever_node_gets_it()
    {
        var nodes = new[] { From(_first, "10.79.0.1"), From(_second, "10.79.0.1") };
        for (var n = 0; n < 3; n++)
        {
            var sent = await EnquireAsync(nodes[n % 2], n);
            Assert.True(sent.StatusCode == HttpStatusCode.Redirect, $"enquiry {n + 1}: {sent.StatusCode}");
        }
        foreach (var (node, n) in nodes.Select((node, n) => (node, n + 3)))
        {
            var refused = await EnquireAsync(node, n);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("đã có 3 câu hỏi được gửi trong 10 phút qua", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var stored = 0;
        await _first.WithDbAsync(async db => stored = await db.Enquiries.CountAsync());
        Assert.Equal(3, stored);
        // Another address is not held back, and the window slides on the site's clock: ten minutes on, one more goes.
        Assert.Equal(HttpStatusCode.Redirect, (await EnquireAsync(From(_second, "10.79.0.2"), 9)).StatusCode);
        _first.Clock.Advance(TimeSpan.FromMinutes(10)); // both nodes' clock
        Assert.Equal(HttpStatusCode.Redirect, (await EnquireAsync(nodes[1], 10)).StatusCode);
    }
}
