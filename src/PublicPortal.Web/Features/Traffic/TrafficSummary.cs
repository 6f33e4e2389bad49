namespace PublicPortal.Web.Features.Traffic;

/// <summary>The counter box: Đang truy cập, Hôm nay, Trong tuần, Tháng hiện tại, Tổng lượt truy cập.</summary>
public sealed record TrafficSummary(int Online, long Today, long ThisWeek, long ThisMonth, long Total);
