using Microsoft.AspNetCore.Html;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using PublicPortal.Web.Features.Web;

namespace PublicPortal.Web.Pages.English;

/// <summary>
/// One item as the English site shows it: its English version, or — where it has none — its Vietnamese title and a
/// plain statement that it is not translated yet, with the way to the Vietnamese page (never half a translation).
/// </summary>
public sealed record EnglishItem(ContentItem Item, string VietnameseUrl, HtmlString Body, string? SectionTitleKey, string? SectionUrl)
{
    /// <summary>When the item was last saved (or went live, if later).</summary>
    public DateTime UpdatedAtUtc => Item.UpdatedAtUtc is { } updated && updated > Item.PublishedAtUtc ? updated : Item.PublishedAtUtc;

    public static EnglishItem Of(ContentItem item, HtmlString body, EnglishSite.Section? section)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new EnglishItem(item, SiteLinks.Item(item), body, section?.TitleKey, section is null ? null : EnglishSite.List(section));
    }

    /// <summary>"1 December 2026", in Vietnam's calendar day.</summary>
    public static string Date(DateTime utc) => VietnamTime.ToOffset(utc).ToString("d MMMM yyyy", EnglishSite.Culture);

    /// <summary>As much of the date as its source gives: "1 December 2026", "December 2026" or "2026".</summary>
    public static string Date(DateTime utc, DatePrecision precision) => VietnamTime.ToOffset(utc).ToString(precision switch
    {
        DatePrecision.Year => "yyyy",
        DatePrecision.Month => "MMMM yyyy",
        _ => "d MMMM yyyy",
    }, EnglishSite.Culture);

    /// <summary>Describes the page: English title and summary when translated; a page that is not is kept out of search engines.</summary>
    public void Describe(PageMetadata meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        meta.DescribeItem(Item);
        if (Item.HasEnglish)
        {
            meta.Title = Item.TitleEn;
            meta.Description = Item.SummaryEn;
            meta.OtherLanguage = VietnameseUrl;
        }
        else
        {
            meta.NoIndex = true;
            meta.OtherLanguage = VietnameseUrl;
        }
    }
}
