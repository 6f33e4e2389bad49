using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PublicPortal.Tests.Support;

/// <summary>
/// Another web site on loopback (real Kestrel, a free port) with pages that answer as sites on the internet do: fine,
/// gone, moved, refusing HEAD, refusing robots, failing, slow. It records each request it gets, with when.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    public sealed record Hit(string Method, string Path, long AtMilliseconds);

    private readonly WebApplication _app;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public ConcurrentQueue<Hit> Hits { get; } = new();

    /// <summary>"http://127.0.0.1:port".</summary>
    public string Origin { get; private set; } = "";

    private LocalHttpServer(WebApplication app) => _app = app;

    public static async Task<LocalHttpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalHttpServer(app);
        app.Use(async (context, next) =>
        {
            server.Hits.Enqueue(new Hit(context.Request.Method, context.Request.Path.Value ?? "", server._clock.ElapsedMilliseconds));
            await next(context);
        });
        app.MapMethods("/ok", ["GET", "HEAD"], () => Results.Text("<p>ok</p>", "text/html"));
        app.MapMethods("/ok-2", ["GET", "HEAD"], () => Results.Text("<p>ok</p>", "text/html"));
        app.MapMethods("/gone", ["GET", "HEAD"], () => Results.NotFound());
        app.MapMethods("/moved", ["GET", "HEAD"], () => Results.Redirect("/ok", permanent: true));
        app.MapGet("/no-head", () => Results.Text("<p>only GET</p>", "text/html"));
        app.MapMethods("/no-head", ["HEAD"], () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed));
        app.MapMethods("/robots-not-welcome", ["GET", "HEAD"], () => Results.StatusCode(StatusCodes.Status403Forbidden));
        app.MapMethods("/down", ["GET", "HEAD"], () => Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.MapMethods("/slow", ["GET", "HEAD"], async (CancellationToken aborted) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), aborted);
            return Results.Ok();
        });
        await app.StartAsync();
        server.Origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return server;
    }

    public List<Hit> HitsOn(string path) => Hits.Where(h => h.Path == path).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
