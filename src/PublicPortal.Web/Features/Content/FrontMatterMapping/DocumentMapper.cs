using PublicPortal.Web.Data;
using static PublicPortal.Web.Features.Content.FrontMatterValues;

namespace PublicPortal.Web.Features.Content;

/// <summary>A legal document's fields: type, number, issuer, signer, dates and attached file.</summary>
internal static class DocumentMapper
{
    public static void Read(ContentItem item, FrontMatterDto dto)
    {
        item.DocumentType = Optional(dto.DocumentType);
        item.DocumentNumber = Optional(dto.Number);
        item.Issuer = Optional(dto.Issuer);
        item.Signer = Optional(dto.Signer);
        item.IssuedOn = ParseDate(dto.Issued, "issued");
        item.EffectiveOn = ParseDate(dto.Effective, "effective");
        item.Attachment = MediaPath(dto.Attachment, "attachment");
    }

    /// <summary>What a legal document cannot be published without.</summary>
    public static void CheckRequired(ContentItem item)
    {
        Required(item.DocumentType, "document_type");
        Required(item.DocumentNumber, "number");
        Required(item.Issuer, "issuer");
        if (item.IssuedOn is null) throw new ContentFormatException("'issued' is required for a legal document");
    }

    public static void Write(ContentItem item, FrontMatterDto dto)
    {
        dto.DocumentType = item.DocumentType;
        dto.Number = item.DocumentNumber;
        dto.Issuer = item.Issuer;
        dto.Signer = item.Signer;
        dto.Issued = FormatDate(item.IssuedOn);
        dto.Effective = FormatDate(item.EffectiveOn);
        dto.Attachment = item.Attachment;
    }
}
