using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Support;

/// <summary>The whole site on a fresh SQLite file in a temp folder, seeded from the repository's content/ on start.</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private string? _dataDirectory;

    /// <summary>A new temporary folder, or <see cref="ExistingDataDirectory"/> to start again on.</summary>
    public string DataDirectory => _dataDirectory ??= ExistingDataDirectory ?? RepositoryPaths.NewTempDirectory("portal-it");

    /// <summary>The data folder of an earlier factory, to "restart" the site on it.</summary>
    public string? ExistingDataDirectory { get; init; }

    /// <summary>Configuration for this test's site only (for example "Portal:Traffic:TrustAllProxies" = "true").</summary>
    public Dictionary<string, string> Settings { get; } = [];
    /// <summary>The site's clock; a test may start it elsewhere (authenticator codes are computed from it).</summary>
    public TestClock Clock { get; init; } = new(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Portal:ContentDirectory", RepositoryPaths.Content);
        builder.UseSetting("Portal:PublicOrigin", "http://localhost"); // the test client's own address
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Leave the data directory for a second factory that "restarts" on it (that one deletes it).</summary>
    public bool KeepDataOnDispose { get; set; }

    public HttpClient CreateReader() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task WithDbAsync(Func<PortalDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!KeepDataOnDispose) RepositoryPaths.DeleteQuietly(DataDirectory);
        GC.SuppressFinalize(this);
    }
}
