namespace PublicPortal.Web;

/// <summary>
/// The site's UI strings (Resources/SharedResource.vi.resx and .en.resx), read through IStringLocalizer&lt;SharedResource&gt;
/// in the language of the page: Vietnamese, or English under /en/.
/// </summary>
#pragma warning disable CA1052 // a marker type for the localizer, never instantiated
public sealed class SharedResource
#pragma warning restore CA1052
{
    private SharedResource()
    {
    }
}
