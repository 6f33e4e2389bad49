namespace PublicPortal.Web.Features.Content;

// A catalogue section of the front matter: strings for enums and dates, so the file format is ours, not a serializer's.
public sealed class ProductDto
{
    public string? Producer { get; set; }
    public string? Locality { get; set; }
    public string? Village { get; set; }
    public int Group { get; set; }
    public string? Subgroup { get; set; }
    public int Stars { get; set; }
    public int? Score { get; set; }
    public string? Level { get; set; }
    public string? DecisionNumber { get; set; }
    public string? DecisionDate { get; set; }
    public bool DecisionDateApproximate { get; set; }
    public string? KnownSince { get; set; }
    public string? CertificateExpiry { get; set; }
    public string? PriceRange { get; set; }
    public string? WhereToBuy { get; set; }
    public string? Contact { get; set; }

    /// <summary>The product's permanent short code (its QR label's /q/{code}); given by the portal, kept in the file so it survives an export.</summary>
    public string? Code { get; set; }
}
