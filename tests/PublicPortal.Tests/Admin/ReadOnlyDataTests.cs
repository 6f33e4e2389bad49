using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PublicPortal.Tests.Support;
using PublicPortal.Web.Data;

namespace PublicPortal.Tests.Admin;

/// <summary>A save while the data directory cannot be written (a full or read-only disk): a clear message, the previous version intact, the site up.</summary>
public sealed class ReadOnlyDataTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();
    private List<string> _frozen = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Freeze(_frozen, on: false);
        await _factory.DisposeAsync();
    }

    /// <summary>
    /// Makes the database files unwritable. Root ignores permission bits, so as root the files are marked immutable
    /// (chattr +i), which binds root too; otherwise they are made read-only.
    /// </summary>
    private static void Freeze(IEnumerable<string> files, bool on)
    {
        foreach (var file in files)
        {
            if (Environment.UserName == "root")
            {
                using var chattr = Process.Start(new ProcessStartInfo("chattr", [on ? "+i" : "-i", file]) { RedirectStandardError = true })!;
                chattr.WaitForExit();
                Assert.True(chattr.ExitCode == 0 || !on, $"chattr {file}: {chattr.StandardError.ReadToEnd()}");
            }
            else if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, on ? UnixFileMode.UserRead : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public async Task A_save_on_a_read_only_data_directory_gives_a_clear_error_and_keeps_the_previous_version()
    {
        var editor = await StaffClient.SignedInAsync(_factory, "chi-doc@example.vn", PortalRoles.Editor);
        var created = await StaffClient.PostFormAsync(editor, "/quan-tri/noi-dung/sua", new()
        {
            ["loai"] = "news", ["Title"] = "Bản gốc trước khi đĩa đầy", ["Slug"] = "ban-goc-dia-day", ["Summary"] = "", ["Published"] = "true",
            ["PublishedAt"] = "2026-11-28T09:00", ["Body"] = "Nội dung gốc.", ["Extra"] = "", ["Version"] = "0",
        }, "/quan-tri/noi-dung/sua?loai=news");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString.Split('?')[0];
        var form = await StaffClient.EditFormAsync(editor, editUrl);
        form["Title"] = "Bản sửa không lưu được";
        form["Body"] = "Nội dung sửa.";
        var token = (await Html.GetAsync(editor, editUrl)).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        form["__RequestVerificationToken"] = token;

        // The database and its write-ahead log, not the -shm index: SQLite maps that file into memory, and a write to a
        // mapped page of an immutable file kills the process with SIGBUS (no error code SQLite could report). A full
        // or read-only disk leaves the pages SQLite already mapped writable, so this is the disk the test means.
        _frozen = [Path.Combine(_factory.DataDirectory, "portal.db"), Path.Combine(_factory.DataDirectory, "portal.db-wal")];
        // SQLite removes the log when the last connection to the file closes, and another test's ClearAllPools (process
        // wide) can close the site's: a connection of the test's own keeps it in place.
        await using var keepLog = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_frozen[0]};Pooling=False");
        await keepLog.OpenAsync();
        await using (var read = keepLog.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM ContentItems";
            await read.ExecuteScalarAsync();
        }
        Assert.All(_frozen, file => Assert.True(File.Exists(file), file));
        Freeze(_frozen, on: true);
        // The site's idle connections closed, as after a quiet spell: the save opens a new one on the frozen file, which
        // SQLite opens read-only — and that connection must not be handed to the next save once the disk is writable.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var refused = await editor.PostAsync(editUrl, new FormUrlEncodedContent(form));
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());
        Freeze(_frozen, on: false);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Không lưu được", page.QuerySelector(".validation-summary-errors")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal("Nội dung sửa.", page.QuerySelector("textarea[name=Body]")?.TextContent.Trim()); // the editor's text is not lost
        var reader = _factory.CreateReader();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/healthz")).StatusCode);
        var (_, _, article) = await Html.GetAsync(reader, "/tin-tuc/ban-goc-dia-day");
        Assert.Equal("Bản gốc trước khi đĩa đầy", article.QuerySelector("main h1")?.TextContent.Trim());
        await _factory.WithDbAsync(async db =>
        {
            var item = await db.ContentItems.AsNoTracking().SingleAsync(x => x.Slug == "ban-goc-dia-day");
            Assert.Equal(("Bản gốc trước khi đĩa đầy", 1), (item.Title, item.Version));
            Assert.Equal(1, await db.Revisions.CountAsync(r => r.ContentItemId == item.Id));
        });

        // Writable again, the same form saves.
        var saved = await editor.PostAsync(editUrl, new FormUrlEncodedContent(form));
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect,
            $"{saved.StatusCode}: " + Html.Parse(await saved.Content.ReadAsStringAsync()).QuerySelector(".validation-summary-errors")?.TextContent.Trim());
        var (_, _, edited) = await Html.GetAsync(reader, "/tin-tuc/ban-goc-dia-day");
        Assert.Equal("Bản sửa không lưu được", edited.QuerySelector("main h1")?.TextContent.Trim());
    }
}
