namespace PublicPortal.Web.Features.Markdown;

public static class MarkdownModule
{
    public static WebApplicationBuilder AddMarkdown(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<MarkdownRenderer>();
        return builder;
    }
}
