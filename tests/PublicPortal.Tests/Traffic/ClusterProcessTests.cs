using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Npgsql;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Traffic;

/// <summary>
/// The real executable twice, on two ports, on one PostgreSQL and one Redis, behind Debian's nginx with the README's
/// configuration (TLS at nginx, round robin, forwarded headers): readers through nginx are counted exactly once
/// whichever node answers, and when one node is killed with SIGKILL nginx keeps answering from the other, which loses
/// nothing of what was counted, and the killed node rejoins; an editor's session and forms work on either node, an
/// edit is on both nodes' pages within 2 seconds, and the sign-in limit counts posts to both nodes together.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class ClusterProcessTests : IDisposable
{
    private const string Article = "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc";
    private readonly string _root = RepositoryPaths.NewTempDirectory("portal-cluster");
    private readonly List<Process> _processes = [];
    private readonly string _database;
    private readonly string _prefix = "portal-cluster-" + Guid.NewGuid().ToString("N")[..12] + ":";
    private readonly int _front = WatchedProcess.FreePort();
    private readonly X509Certificate2 _certificate = SelfSigned();

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
        _certificate.Dispose();
        TestPostgres.Drop(Path.Combine(_root, "a"));
        RepositoryPaths.DeleteQuietly(_root);
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

    /// <summary>The executable with a node's settings: its own data directory (index, renditions), the shared database and Redis.</summary>
    private ProcessStartInfo Node(string name, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PublicPortal.Web.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataDirectory"] = Path.Combine(_root, name);
        start.Environment["Portal__ContentDirectory"] = RepositoryPaths.Content;
        start.Environment["Portal__Database__Provider"] = "PostgreSQL";
        start.Environment["Portal__PublicOrigin"] = $"https://127.0.0.1:{_front}";
        start.Environment["ConnectionStrings__Portal"] = _database;
        start.Environment["ConnectionStrings__Redis"] = Environment.GetEnvironmentVariable("PORTAL_TEST_REDIS")
            ?? throw new InvalidOperationException("PORTAL_TEST_REDIS is not set: tests/run.sh starts Redis and sets it");
        start.Environment["Portal__Redis__Prefix"] = _prefix;
        // The poll is only the fallback: an edit on both nodes within 2 s shows that the nodes tell each other of writes.
        start.Environment["Portal__ChangeFeed__PollMilliseconds"] = "10000";
        start.Environment["Portal__Traffic__TrustedProxies__0"] = "127.0.0.1"; // nginx, and only nginx
        return start;
    }

    private Process StartNode(string name, int port) => Track(Node(name, "--urls", $"http://127.0.0.1:{port}"));

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    }

    /// <summary>The README's nginx block, in a folder of its own, in the foreground.</summary>
    private void StartNginx(int first, int second)
    {
        var folder = Path.Combine(_root, "nginx");
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        File.WriteAllText(Path.Combine(folder, "site.crt"), _certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "site.key"), _certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            error_log {{folder}}/logs/error.log;
            pid {{folder}}/nginx.pid;
            events { worker_connections 1024; }
            http {
                log_format upstream '$request_method $upstream_addr';
                access_log {{folder}}/logs/access.log upstream;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                upstream portal { server 127.0.0.1:{{first}}; server 127.0.0.1:{{second}}; keepalive 32; }
                server {
                    listen 127.0.0.1:{{_front}} ssl;
                    ssl_certificate {{folder}}/site.crt;
                    ssl_certificate_key {{folder}}/site.key;
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

    /// <summary>A client of nginx over https (trusting its certificate), optionally from another loopback address.</summary>
    private HttpClient Front(CookieJar? jar = null, IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 64,
            UseCookies = false,
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString() },
        };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return new HttpClient(jar is null ? handler : jar.Handler(handler)) { BaseAddress = new Uri($"https://127.0.0.1:{_front}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// Straight to one node, as nginx reaches it: loopback, with the X-Forwarded-Proto nginx sends (the browser's https).
    /// </summary>
    private static HttpClient Direct(int port, CookieJar? jar = null)
    {
        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        var client = new HttpClient(jar is null ? handler : jar.Handler(handler)) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }

    /// <summary>How many requests of one method nginx sent to each node, from its access log.</summary>
    private Dictionary<string, int> Upstreams(string method) =>
        File.ReadAllLines(Path.Combine(_root, "nginx", "logs", "access.log"))
            .Select(line => line.Split(' ', 2)).Where(parts => parts.Length == 2 && parts[0] == method)
            .GroupBy(parts => parts[1]).ToDictionary(g => g.Key, g => g.Count());

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var (response, _, page) = await Html.GetAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException($"{url} has no form token");
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
        int portA = WatchedProcess.FreePort(), portB = WatchedProcess.FreePort();
        var nodeA = StartNode("a", portA);
        using var direct = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await WaitForAsync(direct, $"http://127.0.0.1:{portA}{Article}"); // A imports the content first
        StartNode("b", portB);
        await WaitForAsync(direct, $"http://127.0.0.1:{portB}{Article}");
        StartNginx(portA, portB);
        using var http = Front();
        await WaitForAsync(http, Article);

        // 64 readers × 200 views, as 100 people, spread by nginx over both nodes.
        Assert.Equal(0, await ReadAsync(http, 64, 200, 100));
        await Task.Delay(2_500); // each node's once-a-second flush
        var (views, visits) = await StoredAsync();
        // Both nodes answered (nginx's log of which upstream took each request).
        var upstreams = Upstreams("GET");
        Assert.True(upstreams.GetValueOrDefault($"127.0.0.1:{portA}") > 1_000 && upstreams.GetValueOrDefault($"127.0.0.1:{portB}") > 1_000,
            string.Join(", ", upstreams.Select(u => $"{u.Key}: {u.Value}")));
        Assert.Equal(12_800, views);
        Assert.Equal(100, visits);
        // "Đang truy cập" on either node shows the 100 people, not the two nodes' counts added up (a monitor is not one of them).
        foreach (var port in new[] { portA, portB })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{Article}");
            request.Headers.TryAddWithoutValidation("User-Agent", "uptime-check/1.0");
            using var response = await direct.SendAsync(request);
            var page = Html.Parse(await response.Content.ReadAsStringAsync());
            var online = page.QuerySelectorAll("dt").Single(dt => dt.TextContent == "Đang truy cập").NextElementSibling!.TextContent;
            Assert.True(online == "100", $"node on {port} shows {online} online");
        }

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
    private static Dictionary<string, string> Announcement(string title, string token) => new()
    {
        ["loai"] = "announcements",
        ["Title"] = title,
        ["Slug"] = "",
        ["Summary"] = "Thông báo thử của hai nút.",
        ["Published"] = "true",
        // Vietnam's time a few minutes ago: the newest item, so on the home page too.
        ["PublishedAt"] = DateTime.UtcNow.AddHours(7).AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["Body"] = "Nội dung thông báo thử về **hội chợ gốm**.",
        ["Extra"] = "",
        ["Version"] = "0",
        ["__RequestVerificationToken"] = token,
    };

    /// <summary>
    /// Asks every page of every node at once, again and again, until each shows <paramref name="needle"/>; returns when
    /// the latest of them was asked for the request that showed it. What is measured is when the edit became visible,
    /// not how long ten pages take to render one after another on a loaded machine (CI once took 2.86 s for that alone).
    /// </summary>
    private static async Task<TimeSpan> SeenEverywhereAsync(IEnumerable<HttpClient> nodes, IEnumerable<string> pages, string needle, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var seen = await Task.WhenAll(nodes.SelectMany(node => pages.Select(async page =>
        {
            while (true)
            {
                var asked = clock.Elapsed;
                var body = await node.GetStringAsync(page);
                if (body.Contains(needle, StringComparison.Ordinal)) return asked;
                Assert.True(clock.Elapsed < within, $"{node.BaseAddress}{page.TrimStart('/')} did not show {needle} within {within.TotalSeconds} s");
                await Task.Delay(100);
            }
        })));
        return seen.Max();
    }

    [Fact]
    public async Task Through_nginx_a_session_and_a_form_work_on_either_node_an_edit_is_on_both_at_once_and_the_sign_in_limit_counts_both()
    {
        int portA = WatchedProcess.FreePort(), portB = WatchedProcess.FreePort();
        var nodeA = StartNode("a", portA);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await WaitForAsync(probe, $"http://127.0.0.1:{portA}/");
        StartNode("b", portB);
        await WaitForAsync(probe, $"http://127.0.0.1:{portB}/");
        StartNginx(portA, portB);

        // The operator's first administrator, made by the command-line verb against the shared database.
        var admin = Track(Node("b", "create-admin", "--email", "quan-tri@example.vn"));
        var created = new List<string>();
        admin.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (created) created.Add(e.Data); };
        await admin.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, admin.ExitCode);
        await Task.Delay(200); // the last output line
        var password = created.Last().Trim();

        // The sign-in form comes from node A and is posted to node B; the session then opens the admin area on both.
        var browser = new CookieJar();
        using var a = Direct(portA, browser);
        using var b = Direct(portB, browser);
        var signIn = await b.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "quan-tri@example.vn", ["Password"] = password, ["ReturnUrl"] = "/quan-tri",
            ["__RequestVerificationToken"] = await TokenAsync(a, "/dang-nhap"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.True(browser.Has("__Host-portal.auth"), "no session cookie");
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/quan-tri")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/quan-tri")).StatusCode);
        using var anonymousA = Direct(portA);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymousA.GetAsync("/quan-tri")).StatusCode); // and without it, no

        // Published through nginx (the form from one node, the post to the next, by round robin): on both nodes' list,
        // home, search and RSS within 2 seconds.
        using var editor = Front(browser);
        var save = await editor.PostAsync("/quan-tri/noi-dung/sua",
            new FormUrlEncodedContent(Announcement("Hội chợ gốm hai nút", await TokenAsync(editor, "/quan-tri/noi-dung/sua?loai=announcements"))));
        Assert.True(save.StatusCode == HttpStatusCode.Redirect,
            $"save: {save.StatusCode} " + Html.Parse(await save.Content.ReadAsStringAsync()).QuerySelector(".notice.error")?.TextContent);
        // nginx writes a request's log line after its response has left, so the line may trail the answer a little.
        var log = File.ReadAllLines(Path.Combine(_root, "nginx", "logs", "access.log"));
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); !log[^1].StartsWith("POST ", StringComparison.Ordinal) && wait.Elapsed < TimeSpan.FromSeconds(5); )
        {
            await Task.Delay(20);
            log = File.ReadAllLines(Path.Combine(_root, "nginx", "logs", "access.log"));
        }
        Assert.StartsWith("POST ", log[^1]);
        Assert.NotEqual(log[^2].Split(' ')[1], log[^1].Split(' ')[1]); // the form's GET and its POST on different nodes
        const string Link = "/thong-bao/hoi-cho-gom-hai-nut";
        using var readerA = Direct(portA);
        using var readerB = Direct(portB);
        var took = await SeenEverywhereAsync([readerA, readerB], [Link, "/thong-bao", "/", "/tim-kiem?q=hoi+cho+gom+hai+nut", "/rss.xml"], Link, TimeSpan.FromSeconds(2));
        Assert.True(took < TimeSpan.FromSeconds(2), $"{took}");

        // A guesser from another address, whose posts nginx spreads over both nodes: 10 answered, the 11th and 12th refused.
        using var guesser = Front(new CookieJar(), IPAddress.Parse("127.0.0.2"));
        var token = await TokenAsync(guesser, "/dang-nhap");
        var before = Upstreams("POST");
        var statuses = new List<HttpStatusCode>();
        for (var n = 0; n < 12; n++)
        {
            var guess = await guesser.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = $"doan-{n}@example.vn", ["Password"] = $"doan-mat-khau-{n}-abc", ["__RequestVerificationToken"] = token,
            }));
            statuses.Add(guess.StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 10), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var posts = Upstreams("POST");
        foreach (var port in new[] { portA, portB })
        {
            var node = $"127.0.0.1:{port}";
            Assert.True(posts.GetValueOrDefault(node) - before.GetValueOrDefault(node) >= 5, string.Join(", ", posts.Select(u => $"{u.Key}: {u.Value}")));
        }
        // The editor, from another address, is not held back.
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/quan-tri")).StatusCode);

        // Node A killed; an item published on B meanwhile is found by A's search once A is back (its index catches up).
        nodeA.Kill(entireProcessTree: true);
        await nodeA.WaitForExitAsync();
        var late = await b.PostAsync("/quan-tri/noi-dung/sua",
            new FormUrlEncodedContent(Announcement("Phiên chợ gốm khi một nút nghỉ", await TokenAsync(b, "/quan-tri/noi-dung/sua?loai=announcements"))));
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        StartNode("a", portA);
        await WaitForAsync(probe, $"http://127.0.0.1:{portA}/");
        await SeenEverywhereAsync([readerA], ["/tim-kiem?q=phien+cho+gom+khi+mot+nut+nghi", "/thong-bao"], "/thong-bao/phien-cho-gom-khi-mot-nut-nghi", TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/quan-tri")).StatusCode); // and the session still holds on it
    }
}
