using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace PublicPortal.Web.Features.Admin;

/// <summary>
/// The editor's form is the item's content file in two parts: the fields every item has (title, address, summary,
/// status, publish time, Markdown body) as form fields, and the rest of the front matter (document, plan, catalogue
/// details) as YAML. Saving puts them together and reads them with the very parser the import uses, so the checks are one.
/// </summary>
public static class EditorFields
{
    private static readonly string[] FormKeys = ["title", "slug", "summary", "status", "published", "views"];

    private static readonly ISerializer Scalars = new SerializerBuilder().Build();

    /// <summary>The item as a content file that also names its slug: what a revision keeps.</summary>
    public static string Snapshot(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        // Views are counted by the site, not written by editors: they stay out of revisions and their diffs.
        var lines = FrontMatter.Write(item).Split('\n').Where((line, i) => i == 0 || !line.StartsWith("views: ", StringComparison.Ordinal));
        return "---\nslug: " + item.Slug + "\n" + string.Join('\n', lines.Skip(1));
    }

    /// <summary>The front matter keys that have no form field of their own, as YAML.</summary>
    public static string ExtraYaml(ContentItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = FrontMatter.Write(item);
        var yaml = text["---\n".Length..text.IndexOf("\n---\n", StringComparison.Ordinal)];
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) return "";
        foreach (var key in FormKeys) root.Children.Remove(new YamlScalarNode(key));
        if (root.Children.Count == 0) return "";
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var result = writer.ToString().Replace("\r\n", "\n");
        if (result.EndsWith("...\n", StringComparison.Ordinal)) result = result[..^4];
        return result.TrimEnd() + "\n";
    }

    /// <summary>Builds the item from the form; the parser's message when the YAML or a value is wrong.</summary>
    public static ContentItem Compose(ContentKind kind, string title, string slug, string? summary, bool published, DateTime publishedAtUtc, string? body, string? extraYaml)
    {
        var common = new Dictionary<string, string?>
        {
            ["title"] = title,
            ["slug"] = slug,
            ["status"] = published ? "published" : "draft",
            ["published"] = FrontMatter.FormatInstant(publishedAtUtc),
        };
        if (!string.IsNullOrWhiteSpace(summary)) common["summary"] = summary.Trim();
        var extra = (extraYaml ?? "").Replace("\r\n", "\n").Trim();
        if (extra.StartsWith("---", StringComparison.Ordinal) || extra.Split('\n').Any(l => l.TrimEnd() == "---"))
            throw new ContentFormatException("phần YAML không được chứa dòng '---'");
        var text = "---\n" + Scalars.Serialize(common) + (extra.Length > 0 ? extra + "\n" : "") + "---\n\n" + (body ?? "").Replace("\r\n", "\n").Trim() + "\n";
        return FrontMatter.Parse(text, kind, slug);
    }
}
