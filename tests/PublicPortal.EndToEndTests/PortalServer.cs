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
        _app = PortalApp.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--contentRoot", Path.Combine(RepositoryRoot, "src", "PublicPortal.Web"),
            "--environment", "Production",
            $"--Portal:DataDirectory={_data}",
            $"--Portal:ContentDirectory={Path.Combine(RepositoryRoot, "content")}",
            "--Logging:LogLevel:Default=Warning",
            "--Portal:SignIn:PermitLimit=1000", // every browser test signs in afresh from the same address
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
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions());
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
