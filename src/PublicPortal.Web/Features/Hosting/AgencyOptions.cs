using System.ComponentModel.DataAnnotations;

namespace PublicPortal.Web.Features.Hosting;

/// <summary>The agency named in the footer and on the contact page.</summary>
public sealed class AgencyOptions
{
    [Required] public string Name { get; set; } = "";
    [Required] public string Address { get; set; } = "";
    [Required] public string Phone { get; set; } = "";
    [Required] public string Email { get; set; } = "";

    /// <summary>True while the values are placeholders that no source gives: the footer says so.</summary>
    public bool IsSample { get; set; }
}
