using System.Net;
using Microsoft.Extensions.Options;

namespace PublicPortal.Web.Features.Links;

public static class LinkCheckModule
{
    /// <summary>The external link checker: its options, its HTTP client (public addresses only, unless allowed), the list's sync and the background rounds.</summary>
    public static WebApplicationBuilder AddLinkCheck(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LinkCheckOptions>().BindConfiguration(LinkCheckOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient(LinkChecker.HttpClientName, (sp, http) =>
            {
                var origin = sp.GetRequiredService<Hosting.SiteUrls>().Origin;
                http.DefaultRequestHeaders.UserAgent.ParseAdd($"PublicPortalLinkCheck/1.0 (+{origin})");
                http.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
                http.Timeout = Timeout.InfiniteTimeSpan; // each request has its own (LinkProbe)
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false, // followed by LinkProbe, each redirect waiting for its host's turn
                AutomaticDecompression = DecompressionMethods.All,
                UseCookies = false,
                UseProxy = false,
                MaxResponseDrainSize = 0, // a body never read is not downloaded to reuse the connection
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectCallback = PublicAddress.Connect(sp.GetRequiredService<IOptions<LinkCheckOptions>>().Value.AllowPrivateAddresses),
            });
        builder.Services.AddScoped<ExternalLinkSync>();
        builder.Services.AddSingleton<LinkChecker>();
        builder.Services.AddHostedService<LinkCheckService>();
        return builder;
    }
}
