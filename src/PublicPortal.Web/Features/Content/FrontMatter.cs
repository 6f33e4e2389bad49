using PublicPortal.Web.Data;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// Reads and writes one content file: YAML front matter between "---" lines, then the Markdown body. The header's shape is
/// <see cref="FrontMatterDto"/>; <see cref="ContentItemMapper"/> and the kinds' mappers turn it into an item and back.
/// </summary>
public static class FrontMatter
{
    private const string Fence = "---";

    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitDefaults | DefaultValuesHandling.OmitEmptyCollections)
        .DisableAliases()
        .Build();

    public static ContentItem Parse(string text, ContentKind kind, string fileSlug)
    {
        var (yaml, body) = Split(text);
        if (InputLimits.YamlProblem(yaml) is { } problem) throw new ContentFormatException(problem);
        FrontMatterDto? dto;
        try
        {
            dto = Reader.Deserialize<FrontMatterDto>(yaml);
        }
        catch (YamlException ex)
        {
            throw new ContentFormatException($"invalid YAML front matter at line {ex.Start.Line}: {Innermost(ex).Message}");
        }
        if (dto is null) throw new ContentFormatException("the front matter is empty");
        return ContentItemMapper.ToItem(dto, body, kind, fileSlug);
    }

    public static string Write(ContentItem item) => Write(ContentItemMapper.ToDto(item), item.Body);

    /// <summary>A content file from its header and Markdown body (the editor's form composes the header field by field).</summary>
    public static string Write(FrontMatterDto header, string body)
    {
        ArgumentNullException.ThrowIfNull(header);
        var yaml = Writer.Serialize(header);
        var text = (body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return $"{Fence}\n{yaml}{Fence}\n{(text.Length == 0 ? "" : "\n" + text + "\n")}";
    }

    private static (string Yaml, string Body) Split(string text)
    {
        var normalized = VietnameseText.Nfc(text.Replace("\r\n", "\n").TrimStart('\uFEFF'));
        if (!normalized.StartsWith(Fence + "\n", StringComparison.Ordinal))
            throw new ContentFormatException("the file must start with a '---' line opening the YAML front matter");
        var close = normalized.IndexOf("\n" + Fence, Fence.Length, StringComparison.Ordinal);
        while (close >= 0)
        {
            var after = close + 1 + Fence.Length;
            if (after == normalized.Length || normalized[after] == '\n') break;
            close = normalized.IndexOf("\n" + Fence, after, StringComparison.Ordinal);
        }
        if (close < 0) throw new ContentFormatException("the front matter is not closed by a '---' line");
        var yaml = normalized[(Fence.Length + 1)..(close + 1)];
        var bodyStart = Math.Min(normalized.Length, close + 1 + Fence.Length + 1);
        var body = normalized[bodyStart..].TrimStart('\n').TrimEnd();
        return (yaml, body);
    }

    /// <summary>Publish instants are written in Vietnam time, the way editors think of them.</summary>
    public static string FormatInstant(DateTime utc) => FrontMatterValues.FormatInstant(utc);

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
