namespace PublicPortal.Web.Features.Programme;

public enum ProgressStatus
{
    NoData,
    Behind,
    OnTrack,
    Achieved,
}
