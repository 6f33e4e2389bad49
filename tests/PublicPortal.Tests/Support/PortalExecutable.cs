using System.Diagnostics;

namespace PublicPortal.Tests.Support;

/// <summary>The real executable run as an operator runs a verb: its own process, a real data directory, exit code and output.</summary>
public static class PortalExecutable
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string dataDirectory, params string[] args) =>
        RunAsync(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PublicPortal.Web.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory, // where a deployed app runs, beside its appsettings.json
        }, dataDirectory);

    /// <summary>
    /// The README's way: <c>dotnet run --project src/PublicPortal.Web -- …</c> typed in <paramref name="workingDirectory"/>
    /// (without rebuilding: the test run has built this configuration already).
    /// </summary>
    public static Task<(int ExitCode, string Output, string Error)> DotnetRunAsync(string workingDirectory, string dataDirectory, params string[] args) =>
        RunAsync(new ProcessStartInfo("dotnet",
            ["run", "--project", Path.Combine(RepositoryPaths.Root, "src", "PublicPortal.Web"), "--no-build", "-c", Configuration, "--", .. args])
        {
            WorkingDirectory = workingDirectory,
        }, dataDirectory);

    /// <summary>The configuration these tests were built in (bin/&lt;Configuration&gt;/net10.0/).</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start, string dataDirectory)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["Portal__DataDirectory"] = dataDirectory;
        start.Environment["Portal__LinkCheck__Enabled"] = "false"; // tests never reach the internet
        start.Environment["Portal__ContentDirectory"] = Path.Combine(dataDirectory, "no-seed");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
