using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Catalogue;
using static PublicPortal.Web.Features.Content.FrontMatterValues;

namespace PublicPortal.Web.Features.Content;

/// <summary>An OCOP product's section: its producer, group, stars and certificate.</summary>
internal static class ProductMapper
{
    public static ProductDetails Read(ProductDto p)
    {
        if (p.Group is < 1 or > 6) throw new ContentFormatException("product.group must be 1–6 (the six OCOP groups of Quyết định 148/QĐ-TTg)");
        if (p.Stars is < 3 or > 5) throw new ContentFormatException("product.stars must be 3, 4 or 5");
        if (p.Score is < 0 or > 100) throw new ContentFormatException("product.score must be 0–100");
        return new ProductDetails
        {
            Producer = Required(p.Producer, "product.producer"),
            Locality = Slug(Required(p.Locality, "product.locality"), "product.locality")!,
            Village = Slug(p.Village, "product.village"),
            Group = p.Group,
            Subgroup = Optional(p.Subgroup),
            Stars = p.Stars,
            Score = p.Score,
            Level = Optional(p.Level),
            DecisionNumber = Optional(p.DecisionNumber),
            DecisionDate = ParseDate(p.DecisionDate, "product.decision_date"),
            DecisionDateApproximate = p.DecisionDateApproximate,
            KnownSince = ParseDate(p.KnownSince, "product.known_since"),
            CertificateExpiry = ParseDate(p.CertificateExpiry, "product.certificate_expiry"),
            PriceRange = Optional(p.PriceRange),
            WhereToBuy = Optional(p.WhereToBuy),
            Contact = Optional(p.Contact),
            Code = p.Code is null ? null : ProductCodes.Normalize(p.Code)
                ?? throw new ContentFormatException($"product.code must be {ProductCodes.Length} letters and digits (0–9, A–Z without I, L, O, U)"),
        };
    }

    public static ProductDto Write(ProductDetails p) => new()
    {
        Producer = p.Producer, Locality = p.Locality, Village = p.Village, Group = p.Group, Subgroup = p.Subgroup,
        Stars = p.Stars, Score = p.Score, Level = p.Level, DecisionNumber = p.DecisionNumber, DecisionDate = FormatDate(p.DecisionDate),
        DecisionDateApproximate = p.DecisionDateApproximate, KnownSince = FormatDate(p.KnownSince), CertificateExpiry = FormatDate(p.CertificateExpiry),
        PriceRange = p.PriceRange, WhereToBuy = p.WhereToBuy, Contact = p.Contact, Code = p.Code,
    };
}
