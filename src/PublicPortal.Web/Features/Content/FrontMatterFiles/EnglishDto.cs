using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace PublicPortal.Web.Features.Content;

/// <summary>"english:" in a content file: the item's optional English version (title, summary, Markdown body).</summary>
public sealed class EnglishDto
{
    public string? Title { get; set; }
    public string? Summary { get; set; }

    /// <summary>Markdown, written as a literal block so the file stays readable.</summary>
    [YamlMember(ScalarStyle = ScalarStyle.Literal)]
    public string? Body { get; set; }
}
