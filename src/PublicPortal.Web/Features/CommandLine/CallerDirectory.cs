namespace PublicPortal.Web.Features.CommandLine;

/// <summary>
/// The directory a verb's relative paths mean: the one the user typed the command in. Under <c>dotnet run</c> the app
/// runs in the project folder, so the project file passes the caller's directory as a leading
/// <c>--caller-directory &lt;dir&gt;</c> (see PublicPortal.Web.csproj); an executable started directly has none and
/// uses its own working directory.
/// </summary>
public sealed class CallerDirectory
{
    private const string Option = "--caller-directory";

    private CallerDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>Takes the option off the front of <paramref name="args"/> (the host and the verbs never see it).</summary>
    public static (CallerDirectory Caller, string[] Arguments) From(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [Option, var given, .. var rest] && System.IO.Path.IsPathRooted(given) && Directory.Exists(given))
        {
            return (new CallerDirectory(given), rest);
        }
        var remaining = args is [Option, _, .. var other] ? other : args;
        return (new CallerDirectory(Directory.GetCurrentDirectory()), remaining);
    }

    /// <summary>An absolute path for what the user typed; absolute paths pass unchanged.</summary>
    public string Resolve(string path) => System.IO.Path.GetFullPath(path, Path);
}
