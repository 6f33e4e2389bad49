namespace PublicPortal.Web.Features.Traffic;

/// <summary>The visitor counter: counting in memory before the output cache, the flush every second, the figures.</summary>
public static class TrafficModule
{
    public static WebApplicationBuilder AddTraffic(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TrafficOptions>().BindConfiguration(TrafficOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<TrafficCounter>();
        // Several nodes: visits and "Đang truy cập" across them, reconciled in Redis once a second (ClusterVisitors),
        // and the sign-in limits held across them (SharedRateLimits), on the node's one Redis connection (HostingModule).
        if (builder.Configuration.GetConnectionString(Hosting.HostingModule.RedisConnectionName) is { Length: > 0 })
        {
            var prefix = Hosting.HostingModule.RedisPrefix(builder.Configuration) + "traffic:";
            builder.Services.AddSingleton(sp => new ClusterVisitors(sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(), prefix));
            builder.Services.AddSingleton(sp => new Web.SharedRateLimits(sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(),
                Hosting.HostingModule.RedisPrefix(builder.Configuration) + "limits:", sp.GetRequiredService<ILogger<Web.SharedRateLimits>>()));
        }
        builder.Services.AddSingleton<LiveFiguresSource>();
        builder.Services.AddSingleton<Hosting.CachedRenditions>();
        builder.Services.AddScoped<TrafficReport>();
        builder.Services.AddSingleton<Content.IChangeHandler, TrafficChangeHandler>();
        builder.Services.AddHostedService<TrafficFlusher>();
        return builder;
    }

    public static WebApplication UseTraffic(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TrafficOptions>>().Value.Enabled)
        {
            app.UseMiddleware<TrafficMiddleware>();
        }
        else
        {
            // Nothing is counted, but the internal item header of cached copies must still not reach readers.
            app.Use((context, next) =>
            {
                TrafficMiddleware.TakeServedItemOnStart(context);
                return next(context);
            });
        }
        return app;
    }

    /// <summary>
    /// The figures in every page, filled in as the page leaves (also when counting is off: the markers must go).
    /// Just outside the output cache, which keeps pages with their markers.
    /// </summary>
    public static WebApplication UseLiveFigures(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<LiveFiguresMiddleware>();
        return app;
    }
}
