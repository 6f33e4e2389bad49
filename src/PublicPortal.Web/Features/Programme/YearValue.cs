namespace PublicPortal.Web.Features.Programme;

/// <summary>A year's value; for a share, also how many of how many villages it is made of.</summary>
public sealed record YearValue(int Year, decimal Value, int? Counted = null, int? Of = null);
