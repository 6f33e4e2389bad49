namespace PublicPortal.Web.Features.Web;

/// <summary>What the pager partial needs: where we are, how far it goes, and how to link to page n.</summary>
public sealed record PagerModel(int Page, int TotalPages, Func<int, string> Href, string Label);
