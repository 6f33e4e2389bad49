namespace PublicPortal.Web.Data;

public sealed class ProductDetails
{
    public required string Producer { get; set; }
    public required string Locality { get; set; }
    public string? Village { get; set; }

    /// <summary>1–6, the six groups of Quyết định 148/QĐ-TTg.</summary>
    public int Group { get; set; }
    public string? Subgroup { get; set; }
    public int Stars { get; set; }
    public int? Score { get; set; }

    /// <summary>Who rated it: "cấp tỉnh", "cấp huyện".</summary>
    public string? Level { get; set; }
    public string? DecisionNumber { get; set; }
    public DateOnly? DecisionDate { get; set; }

    /// <summary>When the decision date is only the announcement date of the round.</summary>
    public bool DecisionDateApproximate { get; set; }

    /// <summary>When the decision date is unknown: the earliest day a source shows the product rated (a press report).</summary>
    public DateOnly? KnownSince { get; set; }
    public DateOnly? CertificateExpiry { get; set; }
    public string? PriceRange { get; set; }
    public string? WhereToBuy { get; set; }
    public string? Contact { get; set; }

    /// <summary>
    /// The short code printed under the product's QR label (/q/{code}): given by the write path when the product is first
    /// saved, never changed after, whatever its address becomes.
    /// </summary>
    public string? Code { get; set; }
}
