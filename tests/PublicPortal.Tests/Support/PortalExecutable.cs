using System.Diagnostics;

namespace PublicPortal.Tests.Support;

/// <summary>The real executable run as an operator runs a verb: its own process, a real data directory, exit code and output.</summary>
public static class PortalExecutable
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string dataDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "PublicPortal.Web.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory, // where a deployed app runs, beside its appsettings.json
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Portal__DataDirectory"] = dataDirectory;
        start.Environment["Portal__ContentDirectory"] = Path.Combine(dataDirectory, "no-seed");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
