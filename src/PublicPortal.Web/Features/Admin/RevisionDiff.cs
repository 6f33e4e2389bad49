using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.Chunkers;
using YamlDotNet.RepresentationModel;

namespace PublicPortal.Web.Features.Admin;

/// <summary>Compares two revisions (their content files) with DiffPlex: fields as old → new values, the body by words.</summary>
public static partial class RevisionDiff
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["title"] = "Tiêu đề",
        ["slug"] = "Đường dẫn",
        ["summary"] = "Tóm tắt",
        ["status"] = "Trạng thái",
        ["published"] = "Thời gian đăng",
        ["cover"] = "Ảnh bìa",
        ["cover_alt"] = "Mô tả ảnh bìa",
        ["document_type"] = "Loại văn bản",
        ["number"] = "Số hiệu",
        ["issuer"] = "Cơ quan ban hành",
        ["issued"] = "Ngày ban hành",
        ["attachment"] = "Tệp đính kèm",
    };

    // Words (letters with their combining marks, digits) and each run of spaces or punctuation are separate pieces, so
    // joining the pieces gives the text back exactly.
    [GeneratedRegex(@"[\w]+|\s+|[^\w\s]", RegexOptions.CultureInvariant)]
    private static partial Regex Tokens();

    private static readonly IChunker Words = new CustomFunctionChunker(text => Tokens().Matches(text).Select(m => m.Value).ToArray());

    public static RevisionComparison Compare(string before, string after)
    {
        var (beforeYaml, beforeBody) = Split(before ?? "");
        var (afterYaml, afterBody) = Split(after ?? "");
        return new RevisionComparison(Fields(Flatten(beforeYaml), Flatten(afterYaml)), Body(beforeBody.Trim('\n'), afterBody.Trim('\n')));
    }

    private static List<DiffPiece> Body(string before, string after)
    {
        var result = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, Words);
        var pieces = new List<DiffPiece>();
        void Add(DiffKind kind, IEnumerable<string> texts)
        {
            var text = string.Concat(texts);
            if (text.Length == 0) return;
            if (pieces.Count > 0 && pieces[^1].Kind == kind) pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
            else pieces.Add(new DiffPiece(kind, text));
        }
        var at = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(DiffKind.Same, result.PiecesOld.Skip(at).Take(block.DeleteStartA - at));
            Add(DiffKind.Removed, result.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            Add(DiffKind.Added, result.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            at = block.DeleteStartA + block.DeleteCountA;
        }
        Add(DiffKind.Same, result.PiecesOld.Skip(at));
        return pieces;
    }

    private static List<FieldChange> Fields(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        var keys = before.Keys.Concat(after.Keys).Distinct(StringComparer.Ordinal);
        return keys
            .Select(k => new FieldChange(k, LabelOf(k), before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(c => !string.Equals(c.Before, c.After, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>"Tiêu đề" for the common fields; the front-matter key path ("village.status", "targets[2].goal") otherwise.</summary>
    private static string LabelOf(string key) => Labels.TryGetValue(key, out var label) ? label : key;

    private static (string Yaml, string Body) Split(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (!text.StartsWith("---\n", StringComparison.Ordinal)) return ("", text);
        var close = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (close < 0) return text.EndsWith("\n---", StringComparison.Ordinal) ? (text[4..^4], "") : ("", text);
        return (text[4..(close + 1)], text[(close + 5)..]);
    }

    /// <summary>The front matter as "path → value" pairs, in file order; a revision that does not parse shows as one raw field.</summary>
    private static Dictionary<string, string> Flatten(string yaml)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (yaml.Length == 0) return fields;
        // A revision stored before the input limits may hold YAML deep enough to overflow the (recursive) loader's stack.
        if (Content.InputLimits.YamlProblem(yaml) is not null)
        {
            fields["front matter"] = yaml;
            return fields;
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0) Walk(stream.Documents[0].RootNode, "", fields);
        }
        catch (YamlDotNet.Core.YamlException)
        {
            fields["front matter"] = yaml;
        }
        return fields;
    }

    private static void Walk(YamlNode node, string path, Dictionary<string, string> fields)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                fields[path] = scalar.Value ?? "";
                break;
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode k ? k.Value ?? "" : key.ToString();
                    Walk(value, path.Length == 0 ? name : path + "." + name, fields);
                }
                break;
            case YamlSequenceNode sequence:
                // A list of plain values reads best on one line; a list of records is walked item by item (1-based, as editors count).
                if (sequence.Children.All(c => c is YamlScalarNode))
                    fields[path] = string.Join(", ", sequence.Children.Select(c => ((YamlScalarNode)c).Value));
                else
                    for (var i = 0; i < sequence.Children.Count; i++) Walk(sequence.Children[i], $"{path}[{i + 1}]", fields);
                break;
        }
    }
}
