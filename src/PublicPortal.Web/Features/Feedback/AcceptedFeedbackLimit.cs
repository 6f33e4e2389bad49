using Microsoft.Extensions.Options;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Features.Feedback;

/// <summary>Accepted page feedback per client address (Portal:Feedback).</summary>
public sealed class AcceptedFeedbackLimit(IOptions<FeedbackOptions> options, ILogger<AcceptedFeedbackLimit> logger, SharedRateLimits? shared = null)
    : AcceptedPostLimit(options.Value.PermitLimit, options.Value.WindowMinutes, "feedback", logger, shared);
