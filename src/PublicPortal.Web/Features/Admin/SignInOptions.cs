namespace PublicPortal.Web.Features.Admin;

public sealed class SignInOptions
{
    public const string Section = "Portal:SignIn";

    /// <summary>Sign-in and password posts per address per window; beyond it, 429.</summary>
    public int PermitLimit { get; set; } = 10;

    public int WindowMinutes { get; set; } = 5;

    /// <summary>Sign-in posts per account (normalised e-mail, known or not) and code posts per account, from any address.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int AccountPermitLimit { get; set; } = 10;

    [System.ComponentModel.DataAnnotations.Range(1, 1440)]
    public int AccountWindowMinutes { get; set; } = 15;
}
