namespace PublicPortal.Web.Data;

/// <summary>Visits, page views and bot requests of one Asia/Ho_Chi_Minh day. Nothing personal is stored.</summary>
public sealed class DailyTraffic
{
    public DateOnly Day { get; set; }
    public long Visits { get; set; }
    public long PageViews { get; set; }
    public long BotRequests { get; set; }
}

/// <summary>The random salt of one day, hashed with IP and User-Agent to recognise a visitor without a cookie; kept 48 hours.</summary>
public sealed class VisitorSalt
{
    public DateOnly Day { get; set; }
    public required byte[] Salt { get; set; }
}

/// <summary>Page views of one item on one day: what "most read this week/month" is computed from.</summary>
public sealed class ItemDailyViews
{
    public ContentKind Kind { get; set; }
    public required string Slug { get; set; }
    public DateOnly Day { get; set; }
    public long Views { get; set; }
}

/// <summary>Visits arriving from another site, by its domain only (no path, no query: nothing personal), per day.</summary>
public sealed class ReferrerDaily
{
    public DateOnly Day { get; set; }
    public required string Domain { get; set; }
    public long Visits { get; set; }
}
