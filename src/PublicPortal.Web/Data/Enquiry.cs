namespace PublicPortal.Web.Data;

/// <summary>A buyer's question about a product, kept for the admin inbox. No IP address or user agent is stored.</summary>
public sealed class Enquiry
{
    public int Id { get; set; }
    public required string ProductSlug { get; set; }
    public required string Name { get; set; }
    public required string Contact { get; set; }
    public required string Message { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public bool Handled { get; set; }
}

public static class EnquiryLimits
{
    public const int Name = 100;
    public const int Contact = 120;
    public const int Message = 2000;
}
