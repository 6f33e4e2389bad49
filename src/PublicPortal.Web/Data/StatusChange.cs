namespace PublicPortal.Web.Data;

/// <summary>From <see cref="Since"/>, the village was in <see cref="Status"/>.</summary>
public sealed class StatusChange
{
    public VillageStatus Status { get; set; }
    public DateOnly Since { get; set; }
}
