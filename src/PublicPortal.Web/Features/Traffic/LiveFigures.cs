using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace PublicPortal.Web.Features.Traffic;

/// <summary>
/// The counter figures a page shows ("Lượt xem" and the counter box) are written into the page as markers, and the
/// markers are replaced by the figures of the moment as each response is written (<see cref="LiveFiguresMiddleware"/>).
/// So a page served from the output cache still shows live figures, without JavaScript and without making the page
/// uncacheable. A marker is an HTML comment: Markdown bodies cannot contain one (raw HTML is escaped), and a page that
/// somehow escaped the replacement would still be valid HTML.
/// </summary>
public static class LiveFigures
{
    internal const string Prefix = "<!--live:";
    internal const string Suffix = "-->";

    /// <summary>The longest marker, so a marker split across two writes is held back until its end arrives.</summary>
    internal const int MaxMarkerLength = 32;

    public enum Figure
    {
        ItemViews,
        Online,
        Today,
        ThisWeek,
        ThisMonth,
        Total,
    }

    private static readonly string[] Names = ["views", "online", "today", "week", "month", "total"];
    private static readonly byte[][] NameBytes = [.. Names.Select(System.Text.Encoding.ASCII.GetBytes)];
    internal static readonly byte[] PrefixBytes = System.Text.Encoding.ASCII.GetBytes(Prefix);
    internal static readonly byte[] SuffixBytes = System.Text.Encoding.ASCII.GetBytes(Suffix);

    /// <summary>"Lượt xem" of the item the page serves (<see cref="Content.ServedItem"/>).</summary>
    public static HtmlString ItemViews { get; } = Marker(Figure.ItemViews);

    public static HtmlString Online { get; } = Marker(Figure.Online);
    public static HtmlString Today { get; } = Marker(Figure.Today);
    public static HtmlString ThisWeek { get; } = Marker(Figure.ThisWeek);
    public static HtmlString ThisMonth { get; } = Marker(Figure.ThisMonth);
    public static HtmlString Total { get; } = Marker(Figure.Total);

    private static HtmlString Marker(Figure figure) => new(Prefix + Names[(int)figure] + Suffix);

    /// <summary>The figure named between <see cref="Prefix"/> and <see cref="Suffix"/>, if it is one.</summary>
    internal static Figure? Parse(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < NameBytes.Length; i++)
            if (name.SequenceEqual(NameBytes[i])) return (Figure)i;
        return null;
    }

    /// <summary>A figure as Vietnamese readers write it: 1.234.</summary>
    public static string Format(long value) => value.ToString("N0", Vietnamese);

    private static readonly CultureInfo Vietnamese = PublicPortal.Web.Features.Content.VietnameseText.Culture;
}
