using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PublicPortal.Web.Features.Content;

/// <summary>
/// Bounds on what an editor or an import may hand to a parser. Checked on the raw text, before YamlDotNet or Markdig
/// see it: both recurse (a 50,000-deep YAML flow overflowed the stack and killed the process) and both slow down
/// far beyond linear on pathological nesting (a 3,000-level Markdown list took 68 s to render).
/// </summary>
public static class InputLimits
{
    public const int MaxTitle = 300;
    public const int MaxSummary = 2_000;
    public const int MaxBodyChars = 100_000;
    public const int MaxYamlChars = 64 * 1024;
    public const int MaxYamlDepth = 12;
    public const int MaxYamlIndent = 48;
    public const int MaxYamlNodes = 5_000;
    /// <summary>Container nesting on one line: block quotes, list markers and indentation (two columns a level).</summary>
    public const int MaxMarkdownBlockDepth = 16;
    public const int MaxMarkdownBracketDepth = 16;
    /// <summary>Inline markup characters in one paragraph: each can open an emphasis, code span or link Markdig must pair.</summary>
    public const int MaxMarkupPerParagraph = 4_000;
    public const int MaxListItems = 60;

    /// <summary>Why the YAML front matter is refused, in Vietnamese, or null when it is within bounds.</summary>
    public static string? YamlProblem(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > MaxYamlChars)
            return $"phần YAML dài {Number(yaml.Length)} ký tự; tối đa {Number(MaxYamlChars)}";
        // Brackets are counted outside of any YAML context (quotes included): legitimate front matter never nests a dozen deep.
        var depth = 0;
        var line = 1;
        var indent = 0;
        var leading = true;
        foreach (var c in yaml)
        {
            if (c == '\n')
            {
                line++;
                indent = 0;
                leading = true;
                continue;
            }
            if (leading && c == ' ')
            {
                if (++indent > MaxYamlIndent) return $"phần YAML thụt lề quá sâu ở dòng {line} (tối đa {MaxYamlIndent} khoảng trắng)";
                continue;
            }
            leading = false;
            if (c is '[' or '{')
            {
                if (++depth > MaxYamlDepth) return $"phần YAML lồng quá sâu ở dòng {line} (tối đa {MaxYamlDepth} cấp ngoặc [ ] hoặc {{ }})";
            }
            else if (c is ']' or '}' && depth > 0) depth--;
        }
        // Within those bounds the event parser is cheap and not recursive: it finds block nesting, aliases and size.
        try
        {
            var parser = new Parser(new StringReader(yaml));
            var nodes = 0;
            depth = 0;
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias:
                        return "phần YAML không được dùng bí danh (*tên) hoặc neo (&tên)";
                    case NodeEvent { Anchor.IsEmpty: false }:
                        return "phần YAML không được dùng bí danh (*tên) hoặc neo (&tên)";
                    case MappingStart or SequenceStart:
                        if (++depth > MaxYamlDepth) return $"phần YAML lồng quá sâu (tối đa {MaxYamlDepth} cấp)";
                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }
                if (parser.Current is NodeEvent && ++nodes > MaxYamlNodes) return $"phần YAML có quá nhiều giá trị (tối đa {Number(MaxYamlNodes)})";
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // Syntax errors are the parser's to report, with its line number.
        }
        return null;
    }

    /// <summary>Why a Markdown body is refused, in Vietnamese, or null when it is within bounds.</summary>
    public static string? MarkdownProblem(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return null;
        if (markdown.Length > MaxBodyChars)
            return $"nội dung dài {Number(markdown.Length)} ký tự; tối đa {Number(MaxBodyChars)} (hãy chia thành nhiều bài hoặc đính kèm tệp)";
        var lineNumber = 0;
        var markup = 0;
        var brackets = 0;
        foreach (var range in markdown.AsSpan().Split('\n'))
        {
            var line = markdown.AsSpan()[range];
            lineNumber++;
            if (line.IsWhiteSpace())
            {
                markup = 0;
                brackets = 0;
                continue;
            }
            if (BlockDepth(line) > MaxMarkdownBlockDepth)
                return $"dòng {lineNumber} lồng quá sâu (trích dẫn “>”, danh sách hoặc thụt lề; tối đa {MaxMarkdownBlockDepth} cấp)";
            foreach (var c in line)
            {
                if (c is '*' or '_' or '~' or '`' or '[' or ']' or '<' or '>' or '!' or '^') markup++;
                if (c == '[' && ++brackets > MaxMarkdownBracketDepth)
                    return $"dòng {lineNumber} có quá nhiều dấu “[” lồng nhau (tối đa {MaxMarkdownBracketDepth})";
                if (c == ']' && brackets > 0) brackets--;
            }
            if (markup > MaxMarkupPerParagraph)
                return $"đoạn văn kết thúc ở dòng {lineNumber} có quá nhiều ký tự định dạng (* _ ~ ` [ ] …; tối đa {Number(MaxMarkupPerParagraph)} mỗi đoạn)";
        }
        return null;
    }

    /// <summary>How many containers a line opens: each "&gt;", each list marker, and every two columns of indentation.</summary>
    private static int BlockDepth(ReadOnlySpan<char> line)
    {
        var depth = 0;
        var columns = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == ' ') columns++;
            else if (c == '\t') columns += 4;
            else if (c == '>') depth++;
            else if (c is '-' or '*' or '+' && i + 1 < line.Length && line[i + 1] is ' ' or '\t') depth++;
            else if (char.IsAsciiDigit(c))
            {
                var j = i;
                while (j < line.Length && j - i < 10 && char.IsAsciiDigit(line[j])) j++;
                if (j + 1 < line.Length && line[j] is '.' or ')' && line[j + 1] is ' ' or '\t')
                {
                    depth++;
                    i = j;
                }
                else break;
            }
            else break;
            i++;
        }
        return depth + columns / 2;
    }

    /// <summary>
    /// Removes bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): in a title or file name
    /// they make "gpj.exe" read as "exe.jpg".
    /// </summary>
    public static string StripBidi(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny(BidiControls) < 0) return value;
        return string.Create(value.Length - Count(value), value, static (span, source) =>
        {
            var at = 0;
            foreach (var c in source)
                if (!BidiControls.Contains(c)) span[at++] = c;
        });
    }

    private static int Count(string value)
    {
        var n = 0;
        foreach (var c in value)
            if (BidiControls.Contains(c)) n++;
        return n;
    }

    private static readonly System.Buffers.SearchValues<char> BidiControls = System.Buffers.SearchValues.Create(
        "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C");

    private static string Number(int n) => n.ToString("N0", VietnameseText.Culture);
}
