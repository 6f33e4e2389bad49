using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using PublicPortal.Tests.Media;
using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.Traffic;

/// <summary>
/// The real executable under readers, an editor saving and an editor uploading, killed with SIGKILL at a chosen moment,
/// then started again on the same data: the database is intact, every save and upload the server confirmed is there
/// (page and search), and every image on the pages decodes. Three moments, so the kill lands in different work.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed partial class MixedLoadCrashTests : IDisposable
{
    private readonly string _data = RepositoryPaths.NewTempDirectory("portal-crash-mixed");

    public void Dispose() => RepositoryPaths.DeleteQuietly(_data);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ProcessStartInfo Info(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PublicPortal.Web.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Development: plain http keeps the sign-in cookie (outside Development it is Secure and __Host- prefixed).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Portal__DataDirectory"] = _data;
        start.Environment["Portal__LinkCheck__Enabled"] = "false"; // tests never reach the internet
        start.Environment["Portal__ContentDirectory"] = RepositoryPaths.Content;
        start.Environment["Portal__SignIn__PermitLimit"] = "1000";
        // The check afterwards searches once per confirmed save, which passed the per-client search limit (120 a
        // minute) when the writers got faster; the limit is not what this test is about.
        start.Environment["Portal__Search__PermitLimit"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return start;
    }

    private Process Start(int port)
    {
        var process = Process.Start(Info("--urls", $"http://127.0.0.1:{port}"))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitAsync(HttpClient http)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the site did not start");
    }

    private static async Task<string> TokenAsync(HttpClient client, string url, string selector = "input[name=__RequestVerificationToken]")
    {
        var page = Html.Parse(await client.GetStringAsync(url));
        return page.QuerySelector(selector)!.GetAttribute("value")!;
    }

    [GeneratedRegex("<img[^>]+src=\"(/anh/[^\"]+)\"")]
    private static partial Regex ImageSource();

    [Theory]
    [InlineData(1_500)]
    [InlineData(3_500)]
    [InlineData(6_000)]
    public async Task A_kill_9_under_mixed_load_loses_nothing_the_server_confirmed(int killAfterMs)
    {
        using (var admin = Process.Start(Info("create-admin", "--email", "crash@example.vn"))!)
        {
            var output = await admin.StandardOutput.ReadToEndAsync();
            await admin.WaitForExitAsync();
            Assert.Equal(0, admin.ExitCode);
            var password = output.Trim().Split('\n')[^1].Trim();
            await RunAsync(killAfterMs, password);
        }
    }

    private async Task RunAsync(int killAfterMs, string password)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        using var reader = new HttpClient { BaseAddress = baseAddress };
        using var editor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        var confirmedSaves = new ConcurrentBag<(string Url, string Word)>();
        var confirmedUploads = new ConcurrentBag<string>();
        var process = Start(port);
        try
        {
            await WaitAsync(reader);
            var signIn = await editor.PostAsync("/dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "crash@example.vn", ["Password"] = password, ["__RequestVerificationToken"] = await TokenAsync(editor, "/dang-nhap"),
            }));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

            using var stop = new CancellationTokenSource();
            async Task Loop(Func<int, Task> step)
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        await step(i);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return; // the server is gone
                    }
                }
            }
            var readers = Loop(async i =>
            {
                await reader.GetAsync(i % 3 == 0 ? "/tin-tuc" : i % 3 == 1 ? "/lang-nghe/gom-binh-duc" : "/tim-kiem?q=gom");
            });
            var saves = Loop(async i =>
            {
                var word = $"satlo{killAfterMs}x{i}";
                var response = await editor.PostAsync("/quan-tri/noi-dung/sua", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["loai"] = "news", ["Title"] = $"Tin thử sập nguồn {word}", ["Slug"] = "", ["Summary"] = "", ["Published"] = "true",
                    ["PublishedAt"] = "2026-11-28T09:00", ["Body"] = $"Nội dung {word}.", ["Extra"] = "", ["Version"] = "0",
                    ["__RequestVerificationToken"] = await TokenAsync(editor, "/quan-tri/noi-dung/sua?loai=news"),
                }));
                if (response.StatusCode == HttpStatusCode.Redirect) confirmedSaves.Add(($"/tin-tuc/tin-thu-sap-nguon-{word}", word));
            });
            var uploads = Loop(async i =>
            {
                using var form = new MultipartFormDataContent
                {
                    { new StringContent(await TokenAsync(editor, "/quan-tri/thu-vien-anh", "form[enctype] input[name=__RequestVerificationToken]")), "__RequestVerificationToken" },
                    { new ByteArrayContent(TestImages.Jpeg(640 + i, 480)), "files", $"anh-{i}.jpg" },
                };
                var response = await editor.PostAsync("/quan-tri/thu-vien-anh?handler=Upload", form);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && text.Contains($"anh-{i}.jpg: đã nhận", StringComparison.Ordinal)) confirmedUploads.Add($"anh-{i}.jpg");
            });
            await Task.Delay(killAfterMs);
            // On a loaded machine the first save can take longer than the shortest kill delay; the kill
            // must still land under load with at least one confirmed save, or the test proves nothing.
            for (var waited = 0; confirmedSaves.IsEmpty && waited < 60_000; waited += 50) await Task.Delay(50);
            process.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no last flush
            await process.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(readers, saves, uploads);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
        Assert.NotEmpty(confirmedSaves);

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "portal.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", await check.ExecuteScalarAsync() as string);
            foreach (var name in confirmedUploads)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM MediaAssets WHERE OriginalName = $name";
                command.Parameters.AddWithValue("$name", name);
                Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
            }
        }

        var again = Start(port);
        try
        {
            await WaitAsync(reader);
            foreach (var (url, word) in confirmedSaves)
            {
                var page = await reader.GetAsync(url);
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url}: {page.StatusCode}");
                var results = await reader.GetStringAsync("/tim-kiem?q=" + word);
                Assert.Contains(url, results, StringComparison.Ordinal);
            }
            // Every image on the pages decodes (renditions are made again from intact originals).
            foreach (var url in new[] { "/", "/lang-nghe/gom-binh-duc", "/tin-tuc/le-don-bang-unesco-tai-lang-gom-binh-duc" })
            {
                var html = await reader.GetStringAsync(url);
                foreach (var src in ImageSource().Matches(html).Select(m => m.Groups[1].Value).Distinct())
                {
                    var bytes = await reader.GetByteArrayAsync(src);
                    var info = SixLabors.ImageSharp.Image.Identify(bytes);
                    Assert.True(info is { Width: > 0 }, src);
                }
            }
        }
        finally
        {
            again.Kill(entireProcessTree: true);
            await again.WaitForExitAsync();
            again.Dispose();
        }
    }
}
