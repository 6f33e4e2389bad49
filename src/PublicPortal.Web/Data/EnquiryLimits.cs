namespace PublicPortal.Web.Data;

public static class EnquiryLimits
{
    public const int Name = 100;
    public const int Contact = 120;
    public const int Message = 2000;
    public const int Reference = 20;
    public const int Fingerprint = 64;
}
