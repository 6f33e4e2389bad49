namespace PublicPortal.Web.Data;

public enum VillageType
{
    CraftVillage = 1,
    TraditionalCraftVillage = 2,
    NotRecognised = 3,
}
