using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.EndToEndTests;

/// <summary>The real site on Kestrel at 127.0.0.1 (port 0), seeded from content/, and Debian's Chromium driven by Playwright.</summary>
public sealed class PortalServer : IAsyncLifetime
{
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"portal-e2e-{Guid.NewGuid():N}");

    public static string RepositoryRoot { get; } = FindRoot();
    public static string ArtifactsDirectory => Path.Combine(RepositoryRoot, "tests", "TestResults", "e2e");

    public string BaseUrl { get; private set; } = "";

    /// <summary>The running site's services (to create staff accounts, as the create-admin verb does).</summary>
    public IServiceProvider Services => _app!.Services;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Over TLS, as in production: outside Development the cookies are Secure and __Host- prefixed, and antiforgery
        // refuses plain http. The certificate is made here, self-signed for 127.0.0.1, and trusted by the browser context.
        Directory.CreateDirectory(_data);
        var certificate = Path.Combine(_data, "localhost.pfx");
        File.WriteAllBytes(certificate, SelfSignedCertificate());
        _app = PortalApp.Build(
        [
            "--urls", "https://127.0.0.1:0",
            $"--Kestrel:Certificates:Default:Path={certificate}",
            "--Kestrel:Certificates:Default:Password=e2e",
            "--contentRoot", Path.Combine(RepositoryRoot, "src", "PublicPortal.Web"),
            "--environment", "Production",
            $"--Portal:DataDirectory={_data}",
            $"--Portal:ContentDirectory={Path.Combine(RepositoryRoot, "content")}",
            "--Logging:LogLevel:Default=Warning",
            "--Portal:LinkCheck:Enabled=false", // the seed's sources are on the internet, which tests never reach
            "--Portal:SignIn:PermitLimit=1000", // every browser test signs in afresh from the same address…
            "--Portal:SignIn:AccountPermitLimit=1000", // …often to the same account
        ]);
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--ignore-certificate-errors", // the site's self-signed certificate, also for pages opened outside RunAsync
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { /* left for the temp cleaner */ }
    }

    /// <summary>Runs a scenario in a fresh browser context; on failure keeps a screenshot and a trace under tests/TestResults/e2e.</summary>
    public async Task RunAsync(string name, Func<IPage, Task> scenario, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.IgnoreHTTPSErrors = true; // the self-signed certificate above
        var context = await Browser.NewContextAsync(options);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        try
        {
            await scenario(page);
            await context.Tracing.StopAsync();
        }
        catch
        {
            Directory.CreateDirectory(ArtifactsDirectory);
            var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, safe + ".png"), FullPage = true });
            await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(ArtifactsDirectory, safe + ".trace.zip") });
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>An HttpClient for the site (it accepts the site's self-signed certificate).</summary>
    public static HttpClient CreateHttpClient() =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });

    private static byte[] SelfSignedCertificate()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "e2e");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PublicPortal.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PublicPortal.sln not found");
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal";
}
