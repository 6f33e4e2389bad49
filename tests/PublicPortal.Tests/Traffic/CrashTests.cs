using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Traffic;

/// <summary>
/// The real executable killed with SIGKILL (no graceful stop, no last flush): counts written every second survive, and
/// only what arrived in the last second before the kill may be lost.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class CrashTests : IDisposable
{
    private const string Article = "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc";
    private readonly string _data = RepositoryPaths.NewTempDirectory("portal-crash");

    public void Dispose() => RepositoryPaths.DeleteQuietly(_data);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process Start(int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PublicPortal.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataDirectory"] = _data;
        start.Environment["Portal__ContentDirectory"] = RepositoryPaths.Content;
        start.Environment["Portal__Traffic__TrustAllProxies"] = "true";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForArticleAsync(HttpClient http)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until)
        {
            try
            {
                // A monitor's User-Agent: waiting for the site must not count as reading it.
                using var request = new HttpRequestMessage(HttpMethod.Get, Article);
                request.Headers.TryAddWithoutValidation("User-Agent", "uptime-check/1.0");
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the site did not start");
    }

    private static async Task ReadAsync(HttpClient http, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Article);
            request.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 reader-{i}");
            request.Headers.Add("X-Forwarded-For", $"10.9.{i / 250}.{i % 250}");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private async Task<(long Views, long Visits)> StoredAsync()
    {
        var options = new DbContextOptionsBuilder<PublicPortal.Web.Data.Sqlite.SqlitePortalDbContext>().UseSqlite($"Data Source={Path.Combine(_data, "portal.db")};Pooling=False").Options;
        await using var db = new PublicPortal.Web.Data.Sqlite.SqlitePortalDbContext(options);
        var views = await db.ContentItems.Where(x => x.Kind == ContentKind.News && x.Slug == "le-don-bang-unesco-tai-lang-gom-binh-duc")
            .Join(db.ItemViewCounts, i => i.Id, v => v.ContentItemId, (_, v) => v.Views).SingleOrDefaultAsync();
        var visits = await db.DailyTraffic.SumAsync(x => x.Visits);
        return (views, visits);
    }

    [Fact]
    public async Task A_kill_9_loses_at_most_the_last_second()
    {
        var port = FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var process = Start(port);
        long before, visitsBefore;
        try
        {
            await WaitForArticleAsync(http);
            (before, visitsBefore) = await StoredAsync();

            await ReadAsync(http, 0, 40);
            await Task.Delay(TimeSpan.FromSeconds(2.5)); // more than one flush interval
            await ReadAsync(http, 40, 20); // these may be lost: killed within the second
            process.Kill(entireProcessTree: true); // SIGKILL on Linux: no shutdown flush
            await process.WaitForExitAsync();
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }

        var (after, visitsAfter) = await StoredAsync();
        Assert.InRange(after - before, 40, 60);
        Assert.InRange(visitsAfter - visitsBefore, 40, 60);

        // Started again on the same database, the site shows what was stored.
        var again = Start(port);
        try
        {
            await WaitForArticleAsync(http);
            var html = await http.GetStringAsync(Article + "?bot-check");
            Assert.Contains($"Lượt xem: <span class=\"view-count\">{after.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))}</span>", html, StringComparison.Ordinal);
        }
        finally
        {
            again.Kill(entireProcessTree: true);
            await again.WaitForExitAsync();
            again.Dispose();
        }
    }
}
