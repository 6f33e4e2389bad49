namespace PublicPortal.Tests.Support;

/// <summary>Locations in the checkout, found from the test binaries upwards.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();
    public static string Content => Path.Combine(Root, "content");
    public static string Tests => Path.Combine(Root, "tests");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PublicPortal.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("PublicPortal.sln not found above " + AppContext.BaseDirectory);
    }

    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteQuietly(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing host; the OS temp cleaner will take it.
        }
    }
}
