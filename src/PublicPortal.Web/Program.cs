using PublicPortal.Web.Features.CommandLine;
using PublicPortal.Web.Features.Hosting;

var (caller, rest) = CallerDirectory.From(args);
var app = PortalApp.Build(rest);

if (PortalCommandLine.HasVerb(rest))
{
    return await PortalCommandLine.RunAsync(app, rest, caller);
}

await app.RunAsync();
return 0;

public partial class Program;
