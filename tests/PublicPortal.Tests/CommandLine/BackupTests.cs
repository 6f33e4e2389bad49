using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Admin;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.CommandLine;

/// <summary>backup while the site serves and edits go on; restore elsewhere through the real executable; the same site comes back.</summary>
public sealed class BackupTests : IAsyncLifetime
{
    private readonly PortalFactory _live = new();
    private readonly string _restored = RepositoryPaths.NewTempDirectory("portal-restored");
    private readonly string _archives = RepositoryPaths.NewTempDirectory("portal-archives");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _live.DisposeAsync();
        RepositoryPaths.DeleteQuietly(_restored);
        RepositoryPaths.DeleteQuietly(_archives);
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string dataDirectory, params string[] args) =>
        PortalExecutable.RunAsync(dataDirectory, args);

    private static async Task<List<(string Key, string Title, string Body, int Version, int Revisions)>> ItemsAsync(PortalFactory site)
    {
        var items = new List<(string, string, string, int, int)>();
        await site.WithDbAsync(async db =>
        {
            var revisions = await db.Revisions.GroupBy(r => r.ContentItemId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            foreach (var i in await db.ContentItems.AsNoTracking().OrderBy(i => i.Kind).ThenBy(i => i.Slug).ToListAsync())
                items.Add(($"{i.Kind}/{i.Slug}", i.Title, i.Body, i.Version, revisions.GetValueOrDefault(i.Id)));
        });
        return items;
    }

    [Fact]
    public async Task A_backup_taken_under_load_restores_into_the_same_site()
    {
        var editor = await StaffClient.SignedInAsync(_live, "bien-tap@example.vn", PortalRoles.Editor);
        var reader = _live.CreateReader();
        using var stop = new CancellationTokenSource();
        var saves = 0;
        var load = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await reader.GetAsync("/tin-tuc");
                await reader.GetAsync("/lang-nghe/gom-binh-duc");
                var response = await StaffClient.PostFormAsync(editor, "/quan-tri/noi-dung/sua", new()
                {
                    ["loai"] = "news", ["Title"] = $"Tin trong lúc sao lưu {n++}", ["Slug"] = "", ["Summary"] = "", ["Published"] = "true",
                    ["PublishedAt"] = "2026-11-28T09:00", ["Body"] = "Nội dung.", ["Extra"] = "", ["Version"] = "0",
                }, "/quan-tri/noi-dung/sua?loai=news");
                if (response.StatusCode == HttpStatusCode.Redirect) Interlocked.Increment(ref saves);
            }
        });
        while (Volatile.Read(ref saves) < 2) await Task.Delay(50);

        var archive = Path.Combine(_archives, "sao-luu.zip");
        var backup = await RunAsync(_live.DataDirectory, "backup", archive);
        await stop.CancelAsync();
        await load;
        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Equal(1, (await RunAsync(_live.DataDirectory, "backup", archive)).ExitCode); // never over an existing file

        var restore = await RunAsync(_restored, "restore", archive);
        Assert.True(restore.ExitCode == 0, restore.Error + restore.Output);
        Assert.Equal(1, (await RunAsync(_restored, "restore", archive)).ExitCode); // only into an empty directory

        await using var copy = new PortalFactory { ExistingDataDirectory = _restored, KeepDataOnDispose = true };
        var live = await ItemsAsync(_live);
        var restored = await ItemsAsync(copy);
        // Everything that existed before the backup is identical; items saved during it are there or not, whole.
        var saved = restored.Select(r => r.Key).ToHashSet();
        Assert.Equal(live.Where(i => !i.Title.StartsWith("Tin trong lúc sao lưu", StringComparison.Ordinal)), restored.Where(i => !i.Title.StartsWith("Tin trong lúc sao lưu", StringComparison.Ordinal)));
        Assert.True(restored.Count(i => i.Title.StartsWith("Tin trong lúc sao lưu", StringComparison.Ordinal)) >= 2);
        Assert.All(restored, r => Assert.Contains(r, live));

        var copyReader = copy.CreateReader();
        foreach (var url in new[] { "/", "/tin-tuc", "/lang-nghe/gom-binh-duc", "/san-pham", "/tuyen-du-lich", "/van-ban" })
        {
            var (a, _, liveDoc) = await Html.GetAsync(reader, url);
            var (b, _, copyDoc) = await Html.GetAsync(copyReader, url);
            Assert.Equal(HttpStatusCode.OK, b.StatusCode);
            Assert.Equal(liveDoc.QuerySelector("h1")?.TextContent, copyDoc.QuerySelector("h1")?.TextContent);
            foreach (var src in copyDoc.QuerySelectorAll("img[src^='/anh/']").Select(i => i.GetAttribute("src")!).Distinct())
            {
                var image = await copyReader.GetAsync(src);
                Assert.Equal(HttpStatusCode.OK, image.StatusCode);
                Assert.Equal(await (await reader.GetAsync(src)).Content.ReadAsByteArrayAsync(), await image.Content.ReadAsByteArrayAsync());
            }
        }
        using var health = System.Text.Json.JsonDocument.Parse(await copyReader.GetStringAsync("/healthz"));
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_damaged_archive_is_refused_and_leaves_the_directory_empty()
    {
        await _live.CreateReader().GetAsync("/");
        var archive = Path.Combine(_archives, "hong.zip");
        Assert.Equal(0, (await RunAsync(_live.DataDirectory, "backup", archive)).ExitCode);
        using (var zip = System.IO.Compression.ZipFile.Open(archive, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("portal.db")!;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("portal.db").Open());
            writer.Write("không phải cơ sở dữ liệu");
        }
        var restore = await RunAsync(_restored, "restore", archive);
        Assert.Equal(1, restore.ExitCode);
        Assert.Contains("checksum", restore.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_restored, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_admin_downloads_a_backup_it_is_audited_and_an_editor_cannot()
    {
        var editor = await StaffClient.SignedInAsync(_live, "bien-tap-sl@example.vn", PortalRoles.Editor);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/quan-tri/sao-luu")).StatusCode);
        var editorPost = await editor.PostAsync("/quan-tri/sao-luu?handler=Download", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.OK, editorPost.StatusCode);

        var admin = await StaffClient.SignedInAsync(_live, "quan-tri-sl@example.vn", PortalRoles.Admin);
        var response = await StaffClient.PostFormAsync(admin, "/quan-tri/sao-luu?handler=Download", new(), "/quan-tri/sao-luu");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.NotNull(zip.GetEntry("manifest.json"));
        Assert.NotNull(zip.GetEntry("portal.db"));
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("media/documents/", StringComparison.Ordinal));
        await _live.WithDbAsync(async db => Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.BackupDownloaded && a.Actor == "quan-tri-sl@example.vn")));
    }
}
