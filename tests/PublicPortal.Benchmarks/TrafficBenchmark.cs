using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Web.Features.Hosting;

/// <summary>
/// Requests/s of a cached article page with the visitor counter on and off. Both sites run side by side in this process
/// (Kestrel, loopback), warmed up alike, and the load alternates between them in short windows, so drift (CPU frequency,
/// the neighbours of this virtual machine, tiered compilation) falls on both equally: separate runs drifted ±15 %.
/// </summary>
internal static class TrafficBenchmark
{
    public static async Task RunAsync(string root, int seconds)
    {
        // The site on core 0 and wrk on core 1: sharing both cores, their scheduling noise was larger than the cost measured.
        if (Wrk is not null && OperatingSystem.IsLinux() && Environment.ProcessorCount >= 2) Process.GetCurrentProcess().ProcessorAffinity = 1;
        var sites = new Dictionary<bool, (Microsoft.AspNetCore.Builder.WebApplication App, string Url, string Data)>();
        foreach (var enabled in new[] { false, true })
        {
            var data = Path.Combine(Path.GetTempPath(), $"portal-traffic-bench-{Guid.NewGuid():N}");
            var app = PortalApp.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--contentRoot", Path.Combine(root, "src", "PublicPortal.Web"),
                "--environment", "Production",
                $"--Portal:DataDirectory={data}",
                $"--Portal:ContentDirectory={Path.Combine(root, "content")}",
                $"--Portal:Traffic:Enabled={enabled}",
                "--Portal:Traffic:TrustAllProxies=true",
                "--Logging:LogLevel:Default=Warning",
            ]);
            await app.StartAsync();
            sites[enabled] = (app, app.Urls.Single().TrimEnd('/') + "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc", data);
        }
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5)); // start-up work (content import, search index build) runs in the background first
            var middleware = await MeasureCounterAsync(sites[true].App);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 });
            var results = new Dictionary<bool, List<(double Rps, double Cpu)>> { [false] = [], [true] = [] };
            // Two warm-up windows each (not counted), then `rounds` pairs, the order alternating: off-on, on-off, …
            const int rounds = 10;
            var windows = new[] { false, true, false, true }.Select(e => (e, false))
                .Concat(Enumerable.Range(0, rounds).SelectMany(r => r % 2 == 0 ? new[] { (false, true), (true, true) } : [(true, true), (false, true)]));
            foreach (var (enabled, counted) in windows)
            {
                var url = sites[enabled].Url;
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var allocatedBefore = GC.GetTotalAllocatedBytes();
                var gcBefore = GC.CollectionCount(0);
                var (count, client) = Wrk is { } wrk ? await RunWrkAsync(wrk, url, seconds) : (await Load(http, url, TimeSpan.FromSeconds(seconds)), "in-process client");
                var serverMicroseconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / count;
                var allocated = (GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)count;
                var collections = GC.CollectionCount(0) - gcBefore;
                if (counted) results[enabled].Add((count / (double)seconds, serverMicroseconds));
                Console.WriteLine($"  counting {(enabled ? "on " : "off")}: {count / (double)seconds:N0} requests/s ({client}){(Wrk is null ? "" : $", server CPU {serverMicroseconds:F1} µs per request")}, {allocated:N0} B allocated per request, {collections} GCs{(counted ? "" : " (warm-up, not counted)")}");
            }
            static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
            var off = Median(results[false].Select(r => r.Rps));
            var on = Median(results[true].Select(r => r.Rps));
            Console.WriteLine($"Cached article page, 16 clients, {seconds} s windows, medians of {rounds}: counting off {off:N0} req/s, on {on:N0} req/s, cost {(off - on) / off * 100:F1} %");
            // Each pair ran back to back: its ratio cancels the slow drift that medians of separate windows keep.
            var pairs = results[false].Zip(results[true]).ToList();
            Console.WriteLine($"Paired windows: requests/s cost {Paired(pairs.Select(p => 1 - p.Second.Rps / p.First.Rps))}");
            if (Wrk is not null)
            {
                // wrk runs in its own process, so this process's CPU time is the server's alone.
                var cpuOff = Median(results[false].Select(r => r.Cpu));
                var cpuOn = Median(results[true].Select(r => r.Cpu));
                Console.WriteLine($"Server CPU per request: counting off {cpuOff:F1} µs, on {cpuOn:F1} µs, cost {(cpuOn - cpuOff) / cpuOff * 100:F1} %; paired windows: {Paired(pairs.Select(p => p.Second.Cpu / p.First.Cpu - 1))}");
                Console.WriteLine($"Middleware work alone ({middleware:F2} µs) as a share of a request's server CPU with counting off: {middleware / cpuOff * 100:F1} %");
            }
        }
        finally
        {
            foreach (var (app, _, data) in sites.Values)
            {
                await app.StopAsync();
                await app.DisposeAsync();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try { Directory.Delete(data, true); } catch (IOException) { }
            }
        }
    }

    /// <summary>The mean of paired relative differences, with its standard error: "3.1 % ± 1.2 %".</summary>
    private static string Paired(IEnumerable<double> differences)
    {
        var values = differences.ToList();
        var mean = values.Average();
        var error = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Count - 1) / values.Count);
        return $"{mean * 100:F1} % ± {error * 100:F1} % (mean of {values.Count} pairs ± standard error)";
    }

    /// <summary>Debian's wrk (apt-get install wrk), when present: a load generator outside this process.</summary>
    internal static readonly string? Wrk = File.Exists("/usr/bin/wrk") ? "/usr/bin/wrk" : null;

    internal static async Task<(long Count, string Client)> RunWrkAsync(string wrk, string url, int seconds)
    {
        // 800 visitors (User-Agent and forwarded address vary per request), as in the in-process client.
        var script = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, """
            counter = 0
            request = function()
              counter = counter + 1
              local id = counter % 800
              wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 bench-" .. id
              wrk.headers["X-Forwarded-For"] = "10." .. (id % 250) .. "." .. math.floor(id / 250) .. ".9"
              return wrk.format(nil)
            end
            """);
        try
        {
            // wrk on the second core, the site on the first (see RunAsync): neither steals the other's time slices.
            using var process = Process.Start(new ProcessStartInfo("taskset", ["-c", "1", wrk, "-t1", "-c16", $"-d{seconds}s", "-s", script, url]) { RedirectStandardOutput = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var match = System.Text.RegularExpressions.Regex.Match(output, @"(\d+) requests in");
            if (!match.Success || output.Contains("Non-2xx", StringComparison.Ordinal)) throw new InvalidOperationException("wrk failed:\n" + output);
            return (long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), "wrk, 1 thread, 16 connections");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>
    /// The counting work alone (hash, visit check, three in-memory increments), 2 threads × 500,000 calls: a figure the
    /// loopback run above cannot give precisely, because client and server share the machine's two cores.
    /// </summary>
    private static async Task<double> MeasureCounterAsync(Microsoft.AspNetCore.Builder.WebApplication app)
    {
        var counter = app.Services.GetRequiredService<PublicPortal.Web.Features.Traffic.TrafficCounter>();
        const int perThread = 500_000;
        var addresses = Enumerable.Range(0, 2).Select(t => Enumerable.Range(0, 200).Select(i => System.Net.IPAddress.Parse($"10.0.{t}.{i}")).ToArray()).ToArray();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < perThread; i++)
                await counter.RecordPageViewAsync(addresses[t][i % 200], "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", new PublicPortal.Web.Features.Content.ServedItem(1, PublicPortal.Web.Data.ContentKind.News, "le-don-bang-unesco-tai-lang-gom-binh-duc"));
        })));
        Console.WriteLine($"  counting work alone: {2 * perThread / watch.Elapsed.TotalSeconds:N0} page views/s on 2 threads ≈ {watch.Elapsed.TotalMilliseconds * 1000 * 2 / (2 * perThread):F2} µs of CPU per page view");
        // The once-a-second write (one item, one day, a referrer), as the flusher does it: CPU time per flush.
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < 20; i++)
        {
            await counter.RecordPageViewAsync(addresses[0][i % 200], "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", new PublicPortal.Web.Features.Content.ServedItem(1, PublicPortal.Web.Data.ContentKind.News, "le-don-bang-unesco-tai-lang-gom-binh-duc"), "example.vn");
            await counter.FlushAsync();
        }
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        const int flushes = 200;
        for (var i = 0; i < flushes; i++)
        {
            await counter.RecordPageViewAsync(addresses[1][i % 200], "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", new PublicPortal.Web.Features.Content.ServedItem(1, PublicPortal.Web.Data.ContentKind.News, "le-don-bang-unesco-tai-lang-gom-binh-duc"), "example.vn");
            await counter.FlushAsync();
        }
        process.Refresh();
        Console.WriteLine($"  one flush (item, day, referrer in one transaction): {(process.TotalProcessorTime - cpu).TotalMilliseconds / flushes:F2} ms of CPU, once a second");
        return await MeasureMiddlewareAsync(counter);
    }

    /// <summary>
    /// The middleware's whole work per request (header checks, item and referrer, hash, counts) on one thread, against the
    /// same request passed straight through: the added CPU time per request, free of the loopback run's noise.
    /// </summary>
    private static async Task<double> MeasureMiddlewareAsync(PublicPortal.Web.Features.Traffic.TrafficCounter counter)
    {
        var contexts = Enumerable.Range(0, 800).Select(id =>
        {
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            context.Request.Method = "GET";
            context.Request.Path = "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc";
            context.Request.Headers.UserAgent = $"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 bench-{id}";
            context.Request.Headers.Accept = "text/html";
            context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse($"10.{id % 250}.{id / 250}.9");
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/html; charset=utf-8";
            return context;
        }).ToArray();
        var middleware = new PublicPortal.Web.Features.Traffic.TrafficMiddleware(_ => Task.CompletedTask, counter);
        const int calls = 2_000_000;
        var last = 0.0;
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++) await middleware.InvokeAsync(contexts[i % contexts.Length]);
            var on = watch.Elapsed.TotalMicroseconds / calls;
            Microsoft.AspNetCore.Http.RequestDelegate passThrough = _ => Task.CompletedTask;
            watch.Restart();
            for (var i = 0; i < calls; i++) await passThrough(contexts[i % contexts.Length]);
            var off = watch.Elapsed.TotalMicroseconds / calls;
            last = on - off;
            Console.WriteLine($"  middleware work alone: {last:F2} µs per request (1 thread)");
        }
        return last; // the last round: tiered compilation has settled by then
    }

    private static async Task<long> Load(HttpClient http, string url, TimeSpan duration)
    {
        long done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(client => Task.Run(async () =>
        {
            var i = 0;
            while (watch.Elapsed < duration)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                var identity = client * 1000 + i++ % 50;
                request.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 bench-{identity}");
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"10.{identity / 250 % 250}.{identity % 250}.9");
                using var response = await http.SendAsync(request);
                await response.Content.CopyToAsync(Stream.Null);
                if (response.IsSuccessStatusCode) Interlocked.Increment(ref done);
            }
        })));
        return done;
    }
}
