namespace PublicPortal.Web.Features.Enquiries;

/// <summary>Buyers' enquiries about products: the desk that files them and the limit on accepted ones.</summary>
public static class EnquiriesModule
{
    public static WebApplicationBuilder AddEnquiries(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EnquiryOptions>().BindConfiguration(EnquiryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The limit is taken by the page, only when an enquiry is accepted, so a refusal can show the form with the buyer's words.
        builder.Services.AddSingleton<AcceptedEnquiryLimit>();
        builder.Services.AddScoped<EnquiryDesk>();
        return builder;
    }
}
