namespace PublicPortal.Web.Features.Content;

/// <summary>Content: the one writer, its change feed and the handlers that follow it, the scheduler, import and export.</summary>
public static class ContentModule
{
    public static WebApplicationBuilder AddContent(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ChangeFeedOptions>().BindConfiguration(ChangeFeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReservedSlugs>();
        builder.Services.AddSingleton<ContentRules>();
        builder.Services.AddScoped<ContentRelations>();
        builder.Services.AddScoped<ContentWriter>();
        builder.Services.AddScoped<ContentTransfer>();
        builder.Services.AddSingleton<ChangeFeed>();
        builder.Services.AddSingleton<IChangeHandler, CacheChangeHandler>();
        builder.Services.AddSingleton<IChangeHandler, Hosting.OutputCacheChangeHandler>();
        return builder;
    }

    /// <summary>
    /// After the database and search start-up (hosted services start in the order they are added): the feed catches up
    /// on what this process has not seen before the first request, then follows; the scheduler starts after it.
    /// </summary>
    public static WebApplicationBuilder AddChangeFeedProcessing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<ChangeFeedProcessor>();
        builder.Services.AddHostedService<ScheduledPublisher>();
        return builder;
    }
}
