namespace PublicPortal.Web.Features.Mail;

public static class MailModule
{
    /// <summary>Messages to staff: written with what they tell of, listed in the admin, sent over SMTP when "Portal:Smtp:Host" is set.</summary>
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddScoped<DailyDigest>();
        builder.Services.AddSingleton<MailSignal>();
        builder.Services.AddSingleton<MailSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MailSender>());
        return builder;
    }
}
