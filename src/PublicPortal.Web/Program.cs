using PublicPortal.Web.Features.CommandLine;
using PublicPortal.Web.Features.Hosting;

var app = PortalApp.Build(args);

if (PortalCommandLine.HasVerb(args))
{
    return await PortalCommandLine.RunAsync(app, args);
}

await app.RunAsync();
return 0;

public partial class Program;
