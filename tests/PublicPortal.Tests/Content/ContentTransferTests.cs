using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Tests.Content;

/// <summary>Import/export against a real database (a SQLite file in a temp folder, or a PostgreSQL database of its own).</summary>
public abstract class ContentTransferTestsOn(DatabaseProvider provider) : IDisposable
{
    private readonly List<string> _folders = [];
    private readonly List<string> _databases = [];
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        foreach (var disposable in _disposables) disposable.Dispose();
        foreach (var database in _databases) TestPostgres.Drop(database);
        foreach (var folder in _folders) RepositoryPaths.DeleteQuietly(folder);
        GC.SuppressFinalize(this);
    }

    private string NewFolder(string prefix)
    {
        var folder = RepositoryPaths.NewTempDirectory(prefix);
        _folders.Add(folder);
        return folder;
    }

    private async Task<(PortalDbContext Db, ContentTransfer Transfer)> NewDatabaseAsync()
    {
        var dataDirectory = NewFolder("portal-data");
        var paths = new PortalPaths(Options.Create(new PortalOptions { DataDirectory = dataDirectory, ContentDirectory = dataDirectory }), new TestEnvironment(dataDirectory));
        // The services an import uses, as the site registers them, outside a web host (as the command line runs it).
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddLogging()
            .AddMemoryCache()
            .AddSingleton(paths)
            .AddSingleton(TimeProvider.System)
            .AddEngine(provider, paths, dataDirectory, _databases)
            .AddSingleton<PublicPortal.Web.Features.Markdown.MarkdownRenderer>()
            .AddSingleton(new ReservedSlugs(new TestEnvironment(dataDirectory)))
            .AddSingleton<ContentRules>()
            .AddSingleton<ChangeFeed>()
            .AddScoped<ContentRelations>()
            .AddScoped<ContentChecks>()
            .AddScoped<TextChecks>()
            .AddSingleton(Options.Create(new PortalOptions()))
            .AddSingleton<PublicPortal.Web.Features.Hosting.SiteUrls>()
            .AddScoped<PublicPortal.Web.Features.Mail.Outbox>()
            .AddSingleton<PublicPortal.Web.Features.Mail.MailSignal>()
            .AddScoped<ContentWriter>()
            .AddScoped<ContentTransfer>()
            .AddSingleton<PublicPortal.Web.Features.Media.MediaCatalog>()
            .AddScoped<PublicPortal.Web.Features.Media.MediaLibrary>()
            .BuildServiceProvider();
        _disposables.Add(services);
        var scope = services.CreateScope();
        _disposables.Add(scope);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await PortalDatabase.MigrateAsync(db, paths);
        return (db, scope.ServiceProvider.GetRequiredService<ContentTransfer>());
    }

    private static async Task<List<string>> SnapshotAsync(PortalDbContext db) =>
        (await db.ContentItems.AsNoTracking().OrderBy(x => x.Kind).ThenBy(x => x.Slug).ToListAsync())
        .Select(item =>
        {
            item.Id = 0; // database identity, not content
            return JsonSerializer.Serialize(item);
        })
        .ToList();

    private static string CopyOfSeed(string into)
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Content, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(into, Path.GetRelativePath(RepositoryPaths.Content, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return into;
    }

    [Fact]
    public async Task Seed_content_imports_every_type()
    {
        var (db, transfer) = await NewDatabaseAsync();
        await using var _ = db;

        var result = await transfer.ImportAsync(RepositoryPaths.Content);

        Assert.True(result.PerKind[ContentKind.News] >= 12);
        Assert.True(result.PerKind[ContentKind.Announcement] >= 4);
        Assert.True(result.PerKind[ContentKind.Document] >= 4);
        Assert.Equal(1, result.PerKind[ContentKind.Plan]);
        Assert.Equal(4, result.PerKind[ContentKind.Page]); // about, contact, compliance, accessibility
        var plan = await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Plan);
        Assert.Equal(9, plan.Targets.Select(t => t.Number).Distinct().Count()); // nine targets, 2 and 1 measured in parts
        Assert.Equal(["a", "b", "c"], plan.Targets.Where(t => t.Number == 2).Select(t => t.Part));
        Assert.Equal("801-qd-ttg", plan.ParentSlug);
        Assert.All(await db.ContentItems.ToListAsync(), item => Assert.NotEmpty(item.Title));
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_database_reproduces_every_field()
    {
        var (source, sourceTransfer) = await NewDatabaseAsync();
        await using var _ = source;
        await sourceTransfer.ImportAsync(RepositoryPaths.Content);
        // Fields the seed does not use must survive too.
        var item = await source.ContentItems.FirstAsync(x => x.Kind == ContentKind.News);
        source.ItemViewCounts.Add(new ItemViewCount { ContentItemId = item.Id, Views = 520 });
        item.Status = ContentStatus.Draft;
        item.Signer = "Người ký";
        item.EffectiveOn = new DateOnly(2023, 1, 2);
        item.Tasks = [new PlanTask { Number = 1, Text = "Nhiệm vụ", Agency = "Sở Công Thương", Status = "Đang thực hiện" }];
        await source.SaveChangesAsync();

        var exported = NewFolder("portal-export");
        var count = await sourceTransfer.ExportAsync(exported);

        var (target, targetTransfer) = await NewDatabaseAsync();
        await using var __ = target;
        await targetTransfer.ImportAsync(exported);

        Assert.Equal(await source.ContentItems.CountAsync(), count);
        Assert.Equal(await SnapshotAsync(source), await SnapshotAsync(target));
        // The count went with the export and started the new item's count.
        var moved = await target.ContentItems.SingleAsync(x => x.Kind == item.Kind && x.Slug == item.Slug);
        Assert.Equal(520, (await target.ItemViewCounts.SingleAsync(v => v.ContentItemId == moved.Id)).Views);

        var again = NewFolder("portal-export-again");
        await targetTransfer.ExportAsync(again);
        foreach (var file in Directory.EnumerateFiles(exported, "*", SearchOption.AllDirectories))
            Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(Path.Combine(again, Path.GetRelativePath(exported, file))));
    }

    public static TheoryData<string, string, string> BadFiles => new()
    {
        { "news/zz-bad-yaml.md", "---\ntitle: [oops\npublished: 2024-01-01\n---\n", "invalid YAML" },
        { "news/zz-no-title.md", "---\npublished: 2024-01-01\n---\nBody\n", "'title' is required" },
        { "announcements/zz-duplicate.md", "---\ntitle: Trùng\nslug: moi-cap-nhat-thong-tin-lang-nghe\npublished: 2024-01-01\n---\n", "duplicate slug 'moi-cap-nhat-thong-tin-lang-nghe'" },
        { "recipes/banh-xeo.md", "---\ntitle: Bánh xèo\npublished: 2024-01-01\n---\n", "unknown content type 'recipes'" },
        { "villages/zz-orphan.md", "---\ntitle: Làng mới\npublished: 2024-01-01\nvillage:\n  type: craft-village\n  status: active\n  locality: khong-co-xa-nay\n---\n", "village.locality 'khong-co-xa-nay' does not exist" },
        { "routes/zz-bad-stop.md", "---\ntitle: Tuyến\npublished: 2024-01-01\nroute:\n  stops:\n    - village: gom-binh-duc\n    - sight: khong-co\n---\n", "route stop 'khong-co' does not exist" },
        { "products/zz-stars.md", "---\ntitle: SP\npublished: 2024-01-01\nproduct:\n  producer: X\n  locality: phan-hiep\n  group: 1\n  stars: 7\n---\n", "product.stars must be 3, 4 or 5" },
        { "sights/zz-no-section.md", "---\ntitle: Điểm\npublished: 2024-01-01\n---\n", "needs its 'sight:' section" },
        { "pages/quan-tri.md", "---\ntitle: Chiếm trang quản trị\npublished: 2024-01-01\n---\n", "là địa chỉ của một trang của cổng" },
        { "news/zz-deep-yaml.md", "---\ntitle: Sâu\npublished: 2024-01-01\nx: " + new string('[', 5_000) + new string(']', 5_000) + "\n---\n", "phần YAML lồng quá sâu" },
        { "news/zz-deep-body.md", "---\ntitle: Sâu\npublished: 2024-01-01\n---\n" + new string('>', 100_000) + "\n", "lồng quá sâu" },
        { "news/zz-emphasis.md", "---\ntitle: Nhấn\npublished: 2024-01-01\n---\n" + string.Concat(Enumerable.Repeat("*a", 200_000)) + "\n", "tối đa 100.000" },
        { "documents/zz-missing-file.md", "---\ntitle: T\npublished: 2024-01-01\ndocument_type: Quyết định\nnumber: 1/QĐ\nissuer: UBND\nissued: 2024-01-01\nattachment: media/documents/khong-co.pdf\n---\n", "the file 'media/documents/khong-co.pdf' it refers to is missing" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_malformed_file_aborts_the_import_and_leaves_the_database_unchanged(string file, string text, string reason)
    {
        var (db, transfer) = await NewDatabaseAsync();
        await using var _ = db;
        await transfer.ImportAsync(RepositoryPaths.Content);
        var edited = await db.ContentItems.FirstAsync(x => x.Slug == "gioi-thieu");
        var before = await SnapshotAsync(db);

        var folder = CopyOfSeed(NewFolder("portal-bad"));
        // A valid change and a new valid item sit beside the bad file: neither may be applied.
        var aboutFile = Path.Combine(folder, "pages", "gioi-thieu.md");
        await File.WriteAllTextAsync(aboutFile, (await File.ReadAllTextAsync(aboutFile)).Replace("title: Giới thiệu", "title: Đã sửa"));
        await File.WriteAllTextAsync(Path.Combine(folder, "news", "aa-new.md"), "---\ntitle: Tin mới hợp lệ\npublished: 2024-01-01\n---\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, file))!);
        await File.WriteAllTextAsync(Path.Combine(folder, file), text);

        var ex = await Assert.ThrowsAsync<ContentImportException>(() => transfer.ImportAsync(folder));

        Assert.Contains(ex.Problems, p => p.Contains(file, StringComparison.Ordinal) && p.Contains(reason, StringComparison.Ordinal));
        db.ChangeTracker.Clear();
        Assert.Equal(before, await SnapshotAsync(db));
        Assert.Equal("Giới thiệu", (await db.ContentItems.AsNoTracking().SingleAsync(x => x.Id == edited.Id)).Title);
    }

    [Fact]
    public async Task Import_updates_existing_items_by_slug()
    {
        var (db, transfer) = await NewDatabaseAsync();
        await using var _ = db;
        await transfer.ImportAsync(RepositoryPaths.Content);
        var folder = CopyOfSeed(NewFolder("portal-update"));
        var aboutFile = Path.Combine(folder, "pages", "gioi-thieu.md");
        await File.WriteAllTextAsync(aboutFile, (await File.ReadAllTextAsync(aboutFile)).Replace("title: Giới thiệu", "title: Giới thiệu (mới)"));

        var result = await transfer.ImportAsync(folder);

        Assert.Equal(0, result.Added);
        db.ChangeTracker.Clear();
        Assert.Equal("Giới thiệu (mới)", (await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Page && x.Slug == "gioi-thieu")).Title);
    }

    [Fact]
    public async Task A_reimport_keeps_live_view_counts_and_records_each_change_like_any_save()
    {
        var (db, transfer) = await NewDatabaseAsync();
        await using var _ = db;
        var first = await transfer.ImportAsync(RepositoryPaths.Content);
        Assert.Equal(first.Total, first.Added);
        Assert.Equal(first.Added, await db.AuditEntries.CountAsync(a => a.Actor == "import" && a.Action == AuditActions.Create));

        // Readers have been counted since; another item's old address points at the about page.
        var about = await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Page && x.Slug == "gioi-thieu");
        db.ItemViewCounts.Add(new ItemViewCount { ContentItemId = about.Id, Views = 4321 });
        var contact = await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Page && x.Slug == "lien-he");
        db.SlugRedirects.Add(new SlugRedirect { Kind = ContentKind.Page, OldSlug = "gioi-thieu", ContentItemId = contact.Id });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var revisions = await db.Revisions.CountAsync();
        var audits = await db.AuditEntries.CountAsync();

        // The same files again: nothing changes, not even the version.
        var same = await transfer.ImportAsync(RepositoryPaths.Content);
        Assert.Equal((0, 0, first.Total), (same.Added, same.Updated, same.Unchanged));
        Assert.Equal(revisions, await db.Revisions.CountAsync());
        Assert.Equal(audits, await db.AuditEntries.CountAsync());

        // One file edited: one update, one revision and one audit entry by "import"; the live count stays.
        var folder = CopyOfSeed(NewFolder("portal-reimport"));
        var aboutFile = Path.Combine(folder, "pages", "gioi-thieu.md");
        await File.WriteAllTextAsync(aboutFile, (await File.ReadAllTextAsync(aboutFile)).Replace("title: Giới thiệu", "title: Giới thiệu cổng"));
        var edited = await transfer.ImportAsync(folder);
        Assert.Equal((0, 1, first.Total - 1), (edited.Added, edited.Updated, edited.Unchanged));
        db.ChangeTracker.Clear();
        var stored = await db.ContentItems.SingleAsync(x => x.Kind == ContentKind.Page && x.Slug == "gioi-thieu");
        Assert.Equal(("Giới thiệu cổng", 4321L), (stored.Title, (await db.ItemViewCounts.SingleAsync(v => v.ContentItemId == stored.Id)).Views));
        Assert.Equal(revisions + 1, await db.Revisions.CountAsync());
        Assert.Equal("import", (await db.Revisions.Where(r => r.ContentItemId == stored.Id).OrderByDescending(r => r.Number).FirstAsync()).Actor);
        var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(("import", AuditActions.Edit, "pages/gioi-thieu"), (audit.Actor, audit.Action, audit.Target));
        Assert.Equal(audits + 1, await db.AuditEntries.CountAsync());
        // The imported item has its own address back: the redirect that took it is gone.
        Assert.False(await db.SlugRedirects.AnyAsync(r => r.Kind == ContentKind.Page && r.OldSlug == "gioi-thieu"));
    }

    private sealed class TestEnvironment(string root) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "PublicPortal.Web";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}

/// <summary>Import and export on SQLite, the embedded default.</summary>
public sealed class ContentTransferTests() : ContentTransferTestsOn(DatabaseProvider.Sqlite);

/// <summary>Import and export on PostgreSQL, as several nodes run them.</summary>
public sealed class ContentTransferPostgreSqlTests() : ContentTransferTestsOn(DatabaseProvider.PostgreSql);

internal static class ContentTransferServices
{
    /// <summary>The site's context for the engine, on a database of the test's own (one made on PostgreSQL is noted for dropping).</summary>
    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddEngine(this Microsoft.Extensions.DependencyInjection.IServiceCollection services,
        DatabaseProvider provider, PortalPaths paths, string dataDirectory, List<string> databases)
    {
        if (provider == DatabaseProvider.Sqlite)
            return services.AddDbContext<PortalDbContext, PublicPortal.Web.Data.Sqlite.SqlitePortalDbContext>(o => PublicPortal.Web.Data.Sqlite.SqlitePortalDbContext.Configure(o, paths.DatabaseFile));
        var connection = TestPostgres.DatabaseFor(dataDirectory);
        databases.Add(dataDirectory);
        return services.AddDbContext<PortalDbContext, PublicPortal.Web.Data.PostgreSql.PostgreSqlPortalDbContext>(o => PublicPortal.Web.Data.PostgreSql.PostgreSqlPortalDbContext.Configure(o, connection));
    }
}
