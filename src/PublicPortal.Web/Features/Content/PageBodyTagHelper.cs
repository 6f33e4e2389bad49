using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// &lt;page-body&gt;: a public page's body, rendered once per change under <see cref="PageFragments"/>' key (Razor's
/// cache tag with that key, its lifetime, and off where the page has no key, such as staff's or a POST's answer).
/// </summary>
[HtmlTargetElement("page-body")]
public sealed class PageBodyTagHelper(CacheTagHelperMemoryCacheFactory factory, HtmlEncoder htmlEncoder) : CacheTagHelper(factory, htmlEncoder)
{
    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var key = PageFragments.Key(ViewContext.HttpContext);
        VaryBy = key;
        Enabled = key is not null;
        ExpiresSliding = PublishedItems.FragmentLifetime;
        return base.ProcessAsync(context, output);
    }
}
