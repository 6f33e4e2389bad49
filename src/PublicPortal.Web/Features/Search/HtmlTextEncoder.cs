namespace PublicPortal.Web.Features.Search;

/// <summary>HTML-encodes only what HTML needs (&amp; &lt; &gt; &quot; &#39;): Lucene's SimpleHTMLEncoder would turn every Vietnamese letter into an entity.</summary>
internal static class HtmlTextEncoder
{
    public static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
