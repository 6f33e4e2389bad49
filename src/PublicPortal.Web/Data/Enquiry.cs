namespace PublicPortal.Web.Data;

/// <summary>A buyer's question about a product, sent from its page; staff forward it to the producer.</summary>
public sealed class Enquiry
{
    public int Id { get; set; }
    public required string ProductSlug { get; set; }
    public required string Name { get; set; }
    public required string Contact { get; set; }
    public required string Message { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public bool Handled { get; set; }

    /// <summary>The buyer's reference, "HM-2026-000123" (year of receipt, sequence in that year); null on enquiries received before references.</summary>
    public string? Reference { get; set; }

    /// <summary>Hash of product, normalised contact and normalised message: finds the same enquiry sent again.</summary>
    public string? Fingerprint { get; set; }
}
