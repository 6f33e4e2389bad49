namespace PublicPortal.Web.Features.Feedback;

/// <summary>Readers' word on each page ("was this page useful?", "report a problem"): the desk that files it and its limit.</summary>
public static class FeedbackModule
{
    public static WebApplicationBuilder AddFeedback(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AcceptedFeedbackLimit>();
        builder.Services.AddScoped<FeedbackDesk>();
        return builder;
    }
}
