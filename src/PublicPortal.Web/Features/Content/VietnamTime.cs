namespace PublicPortal.Web.Features.Content;

/// <summary>The site's clock face: dates are shown and entered in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).</summary>
public static class VietnamTime
{
    public static readonly TimeZoneInfo Zone = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            // A machine without tzdata: Vietnam has kept UTC+7 without DST since 1975.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Asia/Ho_Chi_Minh", "ICT");
        }
    }

    public static DateTimeOffset ToOffset(DateTime utc)
    {
        var asUtc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(asUtc), Zone);
    }

    /// <summary>The day (Vietnam time) an instant falls on.</summary>
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToOffset(utc).DateTime);

    public static DateTime StartOfDayUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    public static string Date(DateTime utc) => ToOffset(utc).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"16/09/2022", "tháng 10/2022" or "năm 2019": never a day the source does not give.</summary>
    public static string Date(DateTime utc, Data.DatePrecision precision)
    {
        var local = ToOffset(utc);
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return precision switch
        {
            Data.DatePrecision.Month => "tháng " + local.ToString("MM/yyyy", invariant),
            Data.DatePrecision.Year => "năm " + local.ToString("yyyy", invariant),
            _ => local.ToString("dd/MM/yyyy", invariant),
        };
    }

    /// <summary>The HTML datetime value at the known precision ("2022-10" is a valid month string, "2019" a valid year).</summary>
    public static string Iso(DateTime utc, Data.DatePrecision precision)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        return precision switch
        {
            Data.DatePrecision.Month => ToOffset(utc).ToString("yyyy-MM", invariant),
            Data.DatePrecision.Year => ToOffset(utc).ToString("yyyy", invariant),
            _ => Iso(utc),
        };
    }

    /// <summary>Said beside a date that is less than a day: the reader should not take the 1st of the month for the day.</summary>
    public static string? PrecisionNote(Data.DatePrecision precision) => precision switch
    {
        Data.DatePrecision.Month => "nguồn chỉ ghi tháng",
        Data.DatePrecision.Year => "nguồn chỉ ghi năm",
        _ => null,
    };

    public static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Machine-readable value for a &lt;time datetime&gt; attribute, in UTC ("Z"): Razor would entity-encode a "+07:00" offset.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
