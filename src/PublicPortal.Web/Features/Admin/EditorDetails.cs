using System.Collections;
using System.Globalization;
using System.Reflection;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Admin;

/// <summary>
/// Reads and changes an item's details (<see cref="FrontMatterDto"/>) by the content file's keys, for the editor's form:
/// the field's value and form name, a group's rows (add, remove, move), and the tidying before a save (empty rows dropped).
/// </summary>
public static class EditorDetails
{
    /// <summary>The name the form posts a key under: "village.figures[0].year" → "Details.Village.Figures[0].Year".</summary>
    public static string FormName(string key) =>
        "Details." + string.Join('.', key.Split('.').Select(segment =>
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            return Pascal(name) + (bracket < 0 ? "" : segment[bracket..]);
        }));

    /// <summary>
    /// One box of a several-of-a-list field: each box has its own name ("Chosen[village.crafts/gom]"), so a form is a set
    /// of names and values, as every other field's.
    /// </summary>
    public static string ChoiceName(string key, string value) => $"Chosen[{key}/{value}]";

    /// <summary>Sets each several-of-a-list field from its ticked boxes, in the order the options are listed.</summary>
    public static void ApplyChoices(FrontMatterDto details, ContentKind kind, IReadOnlyDictionary<string, bool> chosen)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(chosen);
        EnsureSection(details, kind);
        foreach (var field in EditorSchema.For(kind).Where(f => f.Input == EditorInput.Choices))
        {
            var prefix = field.Key + "/";
            var values = chosen.Where(c => c.Value && c.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(c => c.Key[prefix.Length..]).ToList();
            var dot = field.Key.LastIndexOf('.');
            var owner = dot < 0 ? details : Get(details, field.Key[..dot]);
            if (owner is not null) Property(owner.GetType(), dot < 0 ? field.Key : field.Key[(dot + 1)..]).SetValue(owner, values.Count == 0 ? null : values);
        }
    }

    /// <summary>An id for the form field (letters, digits, dashes and underscores only).</summary>
    public static string FormId(string key) => "d-" + new string(key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    /// <summary>The value a key holds, or null when it or a section on its way is not there.</summary>
    public static object? Get(FrontMatterDto details, string key)
    {
        ArgumentNullException.ThrowIfNull(details);
        object? current = details;
        foreach (var segment in key.Split('.'))
        {
            if (current is null) return null;
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var property = Property(current.GetType(), bracket < 0 ? segment : segment[..bracket]);
            current = property.GetValue(current);
            if (bracket >= 0)
            {
                var index = int.Parse(segment[(bracket + 1)..^1], CultureInfo.InvariantCulture);
                current = current is IList list && index < list.Count ? list[index] : null;
            }
        }
        return current;
    }

    /// <summary>The value as the form writes it: numbers in the invariant form that number inputs post, booleans as true/false.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        decimal d => (d / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A group's rows (an empty list when the group or its section is absent).</summary>
    public static IList Rows(FrontMatterDto details, string key) => Get(details, key) as IList ?? Array.Empty<object>();

    /// <summary>
    /// A row button: "add:village.figures", "remove:village.figures:2", "up:…:2", "down:…:2". Only groups of the kind's own
    /// form can be changed, and a group never grows past its bound. Returns false for anything else.
    /// </summary>
    public static bool Act(FrontMatterDto details, ContentKind kind, string action)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(action);
        var parts = action.Split(':');
        if (parts.Length is < 2 or > 3) return false;
        var group = EditorSchema.For(kind).FirstOrDefault(f => f.Input == EditorInput.Group && f.Key == parts[1]);
        if (group is null) return false;
        EnsureSection(details, kind);
        var list = ListOf(details, group.Key);
        var at = parts.Length == 3 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < list.Count ? i : -1;
        switch (parts[0])
        {
            case "add" when parts.Length == 2 && list.Count < group.MaxRows:
                list.Add(Activator.CreateInstance(list.GetType().GetGenericArguments()[0]));
                return true;
            case "remove" when at >= 0:
                list.RemoveAt(at);
                return true;
            case "up" when at > 0:
                (list[at - 1], list[at]) = (list[at], list[at - 1]);
                return true;
            case "down" when at >= 0 && at < list.Count - 1:
                (list[at + 1], list[at]) = (list[at], list[at + 1]);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Before composing: the kind's own section exists (so a missing field is reported as that field), other kinds'
    /// sections are gone (a crafted post cannot add them), rows left wholly empty are dropped, and empty choices too.
    /// </summary>
    public static void Tidy(FrontMatterDto details, ContentKind kind)
    {
        ArgumentNullException.ThrowIfNull(details);
        EnsureSection(details, kind);
        foreach (var field in EditorSchema.For(kind))
        {
            if (field.Input == EditorInput.Group && Get(details, field.Key) is IList rows)
            {
                for (var i = rows.Count - 1; i >= 0; i--)
                    if (rows[i] is null || IsEmpty(rows[i]!)) rows.RemoveAt(i);
                if (rows.Count == 0) SetNull(details, field.Key);
            }
            else if (field.Input == EditorInput.Choices && Get(details, field.Key) is List<string> chosen)
            {
                chosen.RemoveAll(string.IsNullOrWhiteSpace);
                var distinct = chosen.Distinct(StringComparer.Ordinal).ToList();
                chosen.Clear();
                chosen.AddRange(distinct);
            }
        }
    }

    /// <summary>The rows nobody filled ("village.figures[2]"): dropped on save, so their empty numbers are not errors either.</summary>
    public static IEnumerable<string> EmptyRows(FrontMatterDto details, ContentKind kind)
    {
        ArgumentNullException.ThrowIfNull(details);
        foreach (var field in EditorSchema.For(kind).Where(f => f.Input == EditorInput.Group))
        {
            var rows = Rows(details, field.Key);
            for (var i = 0; i < rows.Count; i++)
                if (rows[i] is null || IsEmpty(rows[i]!)) yield return $"{field.Key}[{i}]";
        }
    }

    /// <summary>
    /// A plan's yearly indicator figures are kept on their own page (Số liệu tiến độ), never taken from the form: each
    /// target keeps the stored figures of the target with its number and part (a new plan starts without any).
    /// </summary>
    public static void KeepIndicatorFigures(FrontMatterDto details, IReadOnlyList<PlanTarget> stored)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(stored);
        if (details.Targets is not { Count: > 0 } targets) return;
        var before = ContentItemMapper.ToDto(new ContentItem { Kind = ContentKind.Plan, Slug = "x", Title = "x", Targets = [.. stored] }).Targets ?? [];
        foreach (var target in targets)
            target.Values = before.FirstOrDefault(b => b.Number == target.Number && b.Part == target.Part)?.Values;
    }

    private static void EnsureSection(FrontMatterDto details, ContentKind kind)
    {
        details.Locality = kind == ContentKind.Locality ? details.Locality ?? new() : null;
        details.Craft = kind == ContentKind.Craft ? details.Craft ?? new() : null;
        details.Village = kind == ContentKind.Village ? details.Village ?? new() : null;
        details.Product = kind == ContentKind.Product ? details.Product ?? new() : null;
        details.Sight = kind == ContentKind.Sight ? details.Sight ?? new() : null;
        details.Route = kind == ContentKind.Route ? details.Route ?? new() : null;
        details.Event = kind == ContentKind.Event ? details.Event ?? new() : null;
    }

    /// <summary>A group's list, created when absent.</summary>
    private static IList ListOf(FrontMatterDto details, string key)
    {
        var dot = key.LastIndexOf('.');
        var owner = dot < 0 ? details : Get(details, key[..dot])!;
        var property = Property(owner.GetType(), dot < 0 ? key : key[(dot + 1)..]);
        if (property.GetValue(owner) is IList list) return list;
        var created = (IList)Activator.CreateInstance(property.PropertyType)!;
        property.SetValue(owner, created);
        return created;
    }

    private static void SetNull(FrontMatterDto details, string key)
    {
        var dot = key.LastIndexOf('.');
        var owner = dot < 0 ? details : Get(details, key[..dot]);
        if (owner is not null) Property(owner.GetType(), dot < 0 ? key : key[(dot + 1)..]).SetValue(owner, null);
    }

    /// <summary>A row nobody filled: every text empty, every number zero or none, every box unticked.</summary>
    private static bool IsEmpty(object row) => row.GetType().GetProperties().All(p => p.GetValue(row) switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        bool b => !b,
        int n => n == 0,
        IList l => l.Count == 0,
        _ => false,
    });

    private static PropertyInfo Property(Type type, string key) =>
        type.GetProperty(Pascal(key), BindingFlags.Public | BindingFlags.Instance) ?? throw new ArgumentException($"{type.Name} has no '{key}'", nameof(key));

    private static string Pascal(string key) =>
        string.Concat(key.Split('_').Select(part => part.Length == 0 ? "" : char.ToUpperInvariant(part[0]) + part[1..]));
}
