using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Traffic;

/// <summary>
/// The real executable twice, on two ports, on one PostgreSQL and one Redis, behind Debian's nginx with the README's
/// configuration (round robin, forwarded headers): readers through nginx are counted exactly once whichever node
/// answers, and when one node is killed with SIGKILL nginx keeps answering from the other, which loses nothing of
/// what was counted, and the killed node rejoins.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class ClusterProcessTests : IDisposable
{
    private const string Article = "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc";
    private readonly string _root = RepositoryPaths.NewTempDirectory("portal-cluster");
    private readonly List<Process> _processes = [];
    private readonly string _database;
    private readonly string _prefix = "portal-cluster-" + Guid.NewGuid().ToString("N")[..12] + ":";

    public ClusterProcessTests() => _database = TestPostgres.DatabaseFor(Path.Combine(_root, "a"));

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // never started
            }
            process.Dispose();
        }
        TestPostgres.Drop(Path.Combine(_root, "a"));
        RepositoryPaths.DeleteQuietly(_root);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process Track(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    private Process StartNode(string name, int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PublicPortal.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataDirectory"] = Path.Combine(_root, name);
        start.Environment["Portal__ContentDirectory"] = RepositoryPaths.Content;
        start.Environment["Portal__Database__Provider"] = "PostgreSQL";
        start.Environment["ConnectionStrings__Portal"] = _database;
        start.Environment["ConnectionStrings__Redis"] = Environment.GetEnvironmentVariable("PORTAL_TEST_REDIS")
            ?? throw new InvalidOperationException("PORTAL_TEST_REDIS is not set: tests/run.sh starts Redis and sets it");
        start.Environment["Portal__Redis__Prefix"] = _prefix;
        start.Environment["Portal__Traffic__TrustedProxies__0"] = "127.0.0.1"; // nginx, and only nginx
        return Track(start);
    }

    /// <summary>The README's nginx block, in a folder of its own, in the foreground.</summary>
    private void StartNginx(int port, int first, int second)
    {
        var folder = Path.Combine(_root, "nginx");
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            error_log {{folder}}/logs/error.log;
            pid {{folder}}/nginx.pid;
            events { worker_connections 1024; }
            http {
                log_format upstream '$upstream_addr';
                access_log {{folder}}/logs/access.log upstream;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                upstream portal { server 127.0.0.1:{{first}}; server 127.0.0.1:{{second}}; keepalive 32; }
                server {
                    listen 127.0.0.1:{{port}};
                    location / {
                        proxy_pass http://portal;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_next_upstream error timeout http_502 http_503;
                        proxy_connect_timeout 2s;
                    }
                }
            }
            """);
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        Track(new ProcessStartInfo(nginx, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf")]));
    }

    private static async Task WaitForAsync(HttpClient http, string url)
    {
        var until = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("User-Agent", "uptime-check/1.0"); // a monitor: not counted
                using var response = await http.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{url} did not answer");
    }

    private async Task<(long Views, long Visits)> StoredAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(\"PageViews\"), 0), coalesce(sum(\"Visits\"), 0) FROM \"DailyTraffic\"", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary><paramref name="clients"/> readers at once, each <paramref name="each"/> views, as <paramref name="identities"/> people.</summary>
    private static async Task<int> ReadAsync(HttpClient http, int clients, int each, int identities)
    {
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var n = 0; n < each; n++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, Article);
                request.Headers.TryAddWithoutValidation("User-Agent", $"Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 reader-{(client * each + n) % identities}");
                using var response = await http.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failed);
            }
        })));
        return failed;
    }

    [Fact]
    public async Task Through_nginx_two_nodes_count_every_view_once_and_one_node_killed_loses_nothing()
    {
        int portA = FreePort(), portB = FreePort(), front = FreePort();
        var nodeA = StartNode("a", portA);
        using var direct = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await WaitForAsync(direct, $"http://127.0.0.1:{portA}{Article}"); // A imports the content first
        StartNode("b", portB);
        await WaitForAsync(direct, $"http://127.0.0.1:{portB}{Article}");
        StartNginx(front, portA, portB);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri($"http://127.0.0.1:{front}"), Timeout = TimeSpan.FromSeconds(30) };
        await WaitForAsync(http, Article);

        // 64 readers × 200 views, as 100 people, spread by nginx over both nodes.
        Assert.Equal(0, await ReadAsync(http, 64, 200, 100));
        await Task.Delay(2_500); // each node's once-a-second flush
        var (views, visits) = await StoredAsync();
        // Both nodes answered (nginx's log of which upstream took each request).
        var upstreams = File.ReadAllLines(Path.Combine(_root, "nginx", "logs", "access.log")).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(upstreams.GetValueOrDefault($"127.0.0.1:{portA}") > 1_000 && upstreams.GetValueOrDefault($"127.0.0.1:{portB}") > 1_000,
            string.Join(", ", upstreams.Select(u => $"{u.Key}: {u.Value}")));
        Assert.Equal(12_800, views);
        Assert.Equal(100, visits);

        // Node A killed (no last flush) while readers go on: nginx answers every one from B.
        var load = ReadAsync(http, 8, 100, 100);
        await Task.Delay(300);
        nodeA.Kill(entireProcessTree: true);
        Assert.Equal(0, await load);
        await Task.Delay(2_500);
        var (afterViews, afterVisits) = await StoredAsync();
        // What A counted in its last second before the kill may be lost; nothing B answered, and nothing flushed before.
        Assert.InRange(afterViews, views + 1, views + 800);
        Assert.Equal(100, afterVisits); // the same 100 people: no new visit on the node that took over

        // A rejoins: starts on the same database and its own index, and answers again.
        StartNode("a", portA);
        await WaitForAsync(direct, $"http://127.0.0.1:{portA}{Article}");
    }
}
