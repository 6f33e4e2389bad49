using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Tests.Support;

/// <summary>
/// The whole site on its own SQLite file in a temp folder. By default that folder starts as a copy of the test run's
/// <see cref="SeededData"/> (migrated, content/ imported, indexed); with <see cref="Seeded"/> false it starts empty and
/// the site does its own first-start import of the repository's content/.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private string? _dataDirectory;

    /// <summary>
    /// A new temporary folder (a copy of the seed unless <see cref="Seeded"/> is false), or <see cref="ExistingDataDirectory"/>
    /// to start again on. A test may change it before the site starts (the first request or <c>Services</c>).
    /// </summary>
    public string DataDirectory => _dataDirectory ??= ExistingDataDirectory ?? NewDataDirectory();

    /// <summary>The data folder of an earlier factory, to "restart" the site on it (used as it is, never seeded).</summary>
    public string? ExistingDataDirectory { get; init; }

    /// <summary>
    /// False: start on an empty data directory, as a first start does (migrations, the import of content/, the index built
    /// from nothing). For tests of first start itself, of import counts, and sites given their own content directory.
    /// </summary>
    public bool Seeded { get; init; } = true;

    /// <summary>
    /// The database engine: SQLite's file in the data directory, or on PostgreSQL a database of the site's own
    /// (<see cref="TestPostgres"/>), which starts empty, so the site imports content/ on first start.
    /// </summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The Redis server tests/run.sh starts (PORTAL_TEST_REDIS), under a prefix of this site's database, so the nodes of
    /// one test share what they keep there and tests running beside it do not.
    /// </summary>
    public bool UseRedis { get; init; }

    /// <summary>
    /// Another node of this site, as a load balancer's second server: its own data directory (search index, renditions),
    /// this site's PostgreSQL database and Redis prefix, clock and settings.
    /// </summary>
    public PortalFactory NextNode()
    {
        if (Provider != DatabaseProvider.PostgreSql) throw new InvalidOperationException("Nodes share a PostgreSQL database: set Provider.");
        var node = new PortalFactory { Provider = Provider, UseRedis = UseRedis, DatabaseOf = DatabaseOf ?? DataDirectory, Clock = Clock };
        foreach (var (key, value) in Settings) node.Settings[key] = value;
        return node;
    }

    /// <summary>On PostgreSQL: another site's data directory whose database this one shares, as a second node does.</summary>
    public string? DatabaseOf { get; init; }

    private string NewDataDirectory()
    {
        var directory = RepositoryPaths.NewTempDirectory("portal-it");
        if (Seeded && Provider == DatabaseProvider.Sqlite)
        {
            if (Settings.ContainsKey("Portal:ContentDirectory"))
            {
                throw new InvalidOperationException("A site with its own Portal:ContentDirectory imports that folder on first start: set Seeded = false.");
            }
            SeededData.CopyInto(directory);
        }
        return directory;
    }

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
        builder.UseSetting("Portal:LinkCheck:Enabled", "false"); // tests never reach the internet; link tests run the checker themselves
        if (Provider == DatabaseProvider.PostgreSql)
        {
            builder.UseSetting("Portal:Database:Provider", nameof(DatabaseProvider.PostgreSql));
            builder.UseSetting("ConnectionStrings:Portal", TestPostgres.DatabaseFor(DatabaseOf ?? DataDirectory));
        }
        if (UseRedis)
        {
            builder.UseSetting("ConnectionStrings:Redis", Environment.GetEnvironmentVariable("PORTAL_TEST_REDIS") is { Length: > 0 } redis
                ? redis : throw new InvalidOperationException("PORTAL_TEST_REDIS is not set: tests/run.sh starts Redis on loopback and sets it"));
            builder.UseSetting("Portal:Redis:Prefix", "portal-test-" + Path.GetFileName(Path.TrimEndingDirectorySeparator(DatabaseOf ?? DataDirectory)) + ":");
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
    }

    /// <summary>Services a test adds or replaces in its site (for example a database command counter).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Leave the data directory for a second factory that "restarts" on it (that one deletes it).</summary>
    public bool KeepDataOnDispose { get; set; }

    /// <summary>
    /// Moves the site's clock on and does what the scheduler does when it wakes at the new time (its own sleep is in
    /// real time, so it would notice a jump of the test clock only at its next recheck): items whose time has come get
    /// their went-live records, items whose time to come down has come are saved as drafts, and every handler has applied them (pages, lists, search, feeds) before this returns.
    /// </summary>
    public async Task AdvanceClockAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await using var scope = Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<PublicPortal.Web.Features.Content.ContentWriter>();
        await writer.RecordWentLiveAsync();
        await writer.TakeDownExpiredAsync();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var newest = await db.ChangeRecords.MaxAsync(c => (long?)c.Sequence) ?? 0;
        if (!await Services.GetRequiredService<PublicPortal.Web.Features.Content.ChangeFeed>().WaitAppliedAsync(newest, TimeSpan.FromSeconds(30)))
            throw new TimeoutException($"The change feed did not apply record {newest} within 30 s.");
    }

    public HttpClient CreateReader() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task WithDbAsync(Func<PortalDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>An editor's save of a changed copy of an item, through the write path.</summary>
    public async Task<SaveOutcome> EditAsync(int id, Func<ContentItem, ContentItem> change, string editor = "bien-tap@example.vn")
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var item = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Id == id);
        return await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(change(item), id, item.Version, editor);
    }

    /// <summary>An editor's new item, through the write path.</summary>
    public async Task<SaveOutcome> CreateAsync(ContentItem item, string editor = "bien-tap@example.vn")
    {
        ArgumentNullException.ThrowIfNull(item);
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContentWriter>().SaveAsync(item, null, 0, editor);
    }

    /// <summary>The first published item of a kind (the seed's oldest), as stored.</summary>
    public async Task<ContentItem> FirstPublishedAsync(ContentKind kind)
    {
        ContentItem? item = null;
        await WithDbAsync(async db => item = await db.ContentItems.AsNoTracking().Where(x => x.Kind == kind && x.Status == ContentStatus.Published)
            .OrderBy(x => x.Id).FirstAsync());
        return item!;
    }

    public async Task<string> FirstPublishedSlugAsync(ContentKind kind) => (await FirstPublishedAsync(kind)).Slug;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // A factory never started made no folder (and copied no seed) unless a test asked for DataDirectory.
        if (!KeepDataOnDispose && (_dataDirectory ?? ExistingDataDirectory) is { } directory)
        {
            RepositoryPaths.DeleteQuietly(directory);
            if (Provider == DatabaseProvider.PostgreSql && DatabaseOf is null) TestPostgres.Drop(directory);
        }
        GC.SuppressFinalize(this);
    }
}
