using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Hosting;

namespace PublicPortal.Web.Features.CommandLine;

/// <summary>Verbs run by the same executable: dotnet run --project src/PublicPortal.Web -- &lt;verb&gt; …</summary>
public static class PortalCommandLine
{
    private const string Usage = """
        Usage: dotnet run --project src/PublicPortal.Web -- <verb> [arguments]
          import <dir>     import Markdown content (all-or-nothing) into the database
          export <dir>     write every item as Markdown with front matter, and the media, to <dir>
          backup <file>    write one archive (database copy, media originals, manifest with checksums) to <file>
          restore <file>   restore such an archive into an empty data directory (the index and renditions rebuild)
          reindex          rebuild the search index from the database (stop the site first)
          create-admin --email <e>
                           create an administrator with a generated password, printed once
        Without a verb the site is served.
        """;

    /// <summary>A first argument that is not an option (--urls …) is a verb.</summary>
    public static bool HasVerb(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(WebApplication app, string[] args, CallerDirectory caller)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(caller);
        var output = Console.Out;
        var error = Console.Error;
        if (!(args.Length == 2 && args[0] is "import" or "export" or "backup" or "restore") && !(args is ["reindex"]) && !(args is ["create-admin", "--email", _]))
        {
            error.WriteLine($"Unknown command or wrong arguments: {string.Join(' ', args)}");
            error.WriteLine(Usage);
            return 2;
        }

        if (args.Length == 2)
        {
            args = [args[0], caller.Resolve(args[1])];
        }

        var progress = new Progress<string>(output.WriteLine);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var paths = services.GetRequiredService<PortalPaths>();
            if (args[0] == "restore")
            {
                // Before anything opens (and so creates) the database in the data directory.
                var restored = await Backup.PortalBackup.RestoreAsync(args[1], paths.DataDirectory);
                output.WriteLine($"Restored {restored.Files.Count} files into {paths.DataDirectory}: " +
                    string.Join(", ", restored.Counts.Select(c => $"{c.Key} {c.Value}")) + ". The search index and image sizes are rebuilt when the site starts.");
                return 0;
            }
            var db = services.GetRequiredService<PortalDbContext>();
            await PortalDatabase.MigrateAsync(db, paths);
            switch (args[0])
            {
                case "import":
                    var result = await services.GetRequiredService<ContentTransfer>().ImportAsync(args[1], progress);
                    output.WriteLine($"Imported {result.Total} items ({result.Added} new, {result.Updated} updated, {result.Unchanged} unchanged): " +
                        string.Join(", ", result.PerKind.OrderBy(k => k.Key).Select(k => $"{ContentKinds.Of(k.Key).Folder} {k.Value}")));
                    break;
                case "export":
                    await services.GetRequiredService<ContentTransfer>().ExportAsync(args[1], progress);
                    break;
                case "reindex":
                    var count = await services.GetRequiredService<Search.SearchIndexer>().RebuildAsync(new Progress<int>(n => output.WriteLine($"Indexed {n} items…")));
                    output.WriteLine($"Search index rebuilt with {count} items");
                    break;
                case "create-admin":
                    var password = Admin.AdminAccounts.GeneratePassword();
                    var problems = await services.GetRequiredService<Admin.AdminAccounts>().CreateAsync(args[2], PortalRoles.Admin, password, "command line");
                    if (problems.Count > 0)
                    {
                        error.WriteLine($"create-admin failed: {string.Join(" ", problems)}");
                        return 1;
                    }
                    output.WriteLine($"Administrator {args[2].Trim()} created. Password (shown only this once; change it after signing in at /dang-nhap):");
                    output.WriteLine(password);
                    break;
                default:
                    var manifest = await services.GetRequiredService<Backup.PortalBackup>().WriteAsync(args[1]);
                    output.WriteLine($"Backed up the database and {manifest.Files.Count - 1} media files to {args[1]}: " +
                        string.Join(", ", manifest.Counts.Select(c => $"{c.Key} {c.Value}")));
                    break;
            }
            return 0;
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            error.WriteLine($"{args[0]} failed: the running site holds the search index; stop it first (it also rebuilds a stale index when it starts)");
            return 1;
        }
        catch (Exception ex) when (ex is ContentImportException or Backup.BackupException or System.IO.InvalidDataException or IOException or UnauthorizedAccessException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            error.WriteLine($"{args[0]} failed: {ex.Message}");
            return 1;
        }
    }
}
