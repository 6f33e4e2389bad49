namespace PublicPortal.Web.Features.Feedback;

/// <summary>One page's answers ("useful": yes, no) and reports of problems.</summary>
public sealed record FeedbackCount(string Path, int Useful, int NotUseful, int Reports);
