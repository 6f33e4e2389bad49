namespace PublicPortal.Web.Data;

public enum VillageStatus
{
    Active = 1,
    AtRisk = 2,
    Paused = 3,
    Revoked = 4,
}
