namespace PublicPortal.Web.Features.Admin;

public enum DiffKind
{
    Same,
    Added,
    Removed,
}
