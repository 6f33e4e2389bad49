using PublicPortal.Tests.Support;

namespace PublicPortal.Tests.CommandLine;

/// <summary>The verbs as an operator runs them: the real executable, a real SQLite file, exit codes and messages.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = RepositoryPaths.NewTempDirectory("portal-cli");

    public void Dispose() => RepositoryPaths.DeleteQuietly(_data);

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => PortalExecutable.RunAsync(_data, args);

    [Fact]
    public async Task Import_export_and_backup_round_trip_through_the_executable()
    {
        var import = await RunAsync("import", RepositoryPaths.Content);
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Matches(@"Imported \d+ items \(\d+ new, 0 updated, 0 unchanged\)", import.Output);

        var exported = Path.Combine(_data, "export");
        var export = await RunAsync("export", exported);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal(
            Directory.GetFiles(Path.Combine(RepositoryPaths.Content, "news")).Select(Path.GetFileName).Order(),
            Directory.GetFiles(Path.Combine(exported, "news")).Select(Path.GetFileName).Order());
        Assert.True(File.Exists(Path.Combine(exported, "media", "documents", "3073-kh-ubnd-tom-tat.txt")));

        var backupFile = Path.Combine(_data, "backup", "portal-copy.db");
        var backup = await RunAsync("backup", backupFile);
        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.True(new FileInfo(backupFile).Length > 0);
        var again = await RunAsync("backup", backupFile);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_admin_prints_a_strong_password_once_and_refuses_a_second_account_with_that_address()
    {
        var created = await RunAsync("create-admin", "--email", "quan-tri@example.vn");
        Assert.True(created.ExitCode == 0, created.Error);
        var password = created.Output.Trim().Split('\n')[^1].Trim();
        Assert.Matches("^[a-zA-Z2-9]{20}$", password);

        var again = await RunAsync("create-admin", "--email", "quan-tri@example.vn");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("đã có tài khoản", again.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch("[a-zA-Z2-9]{20}", again.Output);

        var usage = await RunAsync("create-admin");
        Assert.Equal(2, usage.ExitCode);
    }

    [Fact]
    public async Task A_bad_import_names_the_file_and_reason_and_exits_non_zero()
    {
        var folder = Path.Combine(_data, "bad");
        Directory.CreateDirectory(Path.Combine(folder, "news"));
        await File.WriteAllTextAsync(Path.Combine(folder, "news", "tot.md"), "---\ntitle: Tốt\npublished: 2024-01-01\n---\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "news", "hong.md"), "---\nsummary: thiếu tiêu đề\npublished: 2024-01-01\n---\n");

        var result = await RunAsync("import", folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("news/hong.md: 'title' is required", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", result.Error, StringComparison.Ordinal);

        var export = await RunAsync("export", Path.Combine(_data, "after"));
        Assert.Equal(0, export.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_data, "after", "news")), "the good file beside the bad one must not have been imported");
    }

    [Fact]
    public async Task Unknown_verb_prints_usage_and_exits_2()
    {
        var result = await RunAsync("frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage:", result.Error, StringComparison.Ordinal);
        Assert.Contains("import <dir>", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_of_a_missing_folder_fails_clearly()
    {
        var result = await RunAsync("import", Path.Combine(_data, "khong-co"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the folder does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_dotnet_run_a_relative_folder_means_the_folder_the_command_was_typed_in()
    {
        // From the repository root, as the README says: "content" is the repository's content folder, not the project's.
        var import = await PortalExecutable.DotnetRunAsync(RepositoryPaths.Root, _data, "import", "content");
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.Matches(@"Imported \d+ items \(\d+ new, 0 updated, 0 unchanged\)", import.Output);

        // And an export to a relative folder lands where the user is, not inside src/PublicPortal.Web.
        var here = Path.Combine(_data, "operator");
        Directory.CreateDirectory(here);
        var export = await PortalExecutable.DotnetRunAsync(here, _data, "export", "ban-sao");
        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        Assert.True(File.Exists(Path.Combine(here, "ban-sao", "plans", "ke-hoach-3073.md")), "the export is not in the caller's folder");
        Assert.False(Directory.Exists(Path.Combine(RepositoryPaths.Root, "src", "PublicPortal.Web", "ban-sao")));

        var backup = await PortalExecutable.DotnetRunAsync(here, _data, "backup", "sao-luu.zip");
        Assert.True(backup.ExitCode == 0, backup.Output + backup.Error);
        Assert.True(File.Exists(Path.Combine(here, "sao-luu.zip")));
        Assert.Contains(Path.Combine(here, "sao-luu.zip"), backup.Output, StringComparison.Ordinal);
    }
}
