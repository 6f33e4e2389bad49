using Microsoft.Extensions.Options;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Enquiries;

/// <summary>Accepted buyer enquiries per client address (Portal:Enquiry).</summary>
public sealed class AcceptedEnquiryLimit(IOptions<EnquiryOptions> options, ILogger<AcceptedEnquiryLimit> logger, SharedRateLimits? shared = null)
    : AcceptedPostLimit(options.Value.PermitLimit, options.Value.WindowMinutes, "enquiry", logger, shared);
