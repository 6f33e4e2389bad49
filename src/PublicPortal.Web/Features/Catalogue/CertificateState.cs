namespace PublicPortal.Web.Features.Catalogue;

public enum CertificateState
{
    Valid,
    Expired,
    Unknown,
}
