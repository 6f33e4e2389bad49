namespace PublicPortal.Web.Data;

public sealed class CraftDetails
{
    public bool Traditional { get; set; }
}
