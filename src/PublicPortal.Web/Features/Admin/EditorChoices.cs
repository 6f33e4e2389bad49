using Microsoft.EntityFrameworkCore;
using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Content;

namespace PublicPortal.Web.Features.Admin;

/// <summary>
/// What the editor's lists offer for one kind's form: the items a detail may point at (localities, villages, crafts,
/// documents, plans), the library's images, and a route's possible stops. Read once per request, only what the form needs.
/// </summary>
public sealed class EditorChoices
{
    /// <summary>A choice with more options than this gets a filter box when scripts run.</summary>
    public const int FilterFrom = 12;

    private readonly Dictionary<EditorOptions, List<(string Value, string Label)>> _choices = [];

    public static EditorChoices None { get; } = new();

    /// <summary>Villages and sights a route can stop at ("village:slug", "sight:slug"), for the stop pickers.</summary>
    public List<(string Value, string Label)> Places { get; private set; } = [];

    public static async Task<EditorChoices> LoadAsync(PortalDbContext db, Media.MediaCatalog media, ContentKind kind)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(media);
        var needed = EditorSchema.For(kind).SelectMany(f => f.Row is null ? [f] : f.Row).Select(f => f.Options).Where(o => o != EditorOptions.None).ToHashSet();
        var kinds = needed.Select(KindOf).OfType<ContentKind>().ToList();
        if (kind == ContentKind.Route) kinds.AddRange([ContentKind.Village, ContentKind.Sight]);
        var items = kinds.Count == 0 ? [] : await db.ContentItems.AsNoTracking().Where(x => kinds.Contains(x.Kind))
            .Select(x => new { x.Kind, x.Slug, x.Title }).ToListAsync();
        var ordered = items.OrderBy(p => p.Title, VietnameseText.Collation).ToList();
        var choices = new EditorChoices();
        foreach (var option in needed)
        {
            choices._choices[option] = option == EditorOptions.Images
                ? media.All().Values.Where(i => i.Usable).OrderBy(i => i.Alt ?? "", StringComparer.Ordinal)
                    .Select(i => ($"media/library/{i.Hash}.{i.Format}", i.Decorative ? $"(ảnh trang trí) {i.Hash[..8]}" : i.Alt!)).ToList()
                : ordered.Where(p => KindOf(option) == p.Kind).Select(p => (p.Slug, $"{p.Title} ({p.Slug})")).ToList();
        }
        if (kind == ContentKind.Route)
        {
            choices.Places = ordered.Where(p => p.Kind is ContentKind.Village or ContentKind.Sight)
                .Select(p => (Value: (p.Kind == ContentKind.Village ? "village:" : "sight:") + p.Slug, Label: (p.Kind == ContentKind.Village ? "Làng nghề: " : "Điểm đến: ") + p.Title))
                .ToList();
        }
        return choices;
    }

    /// <summary>
    /// A choice's options: a fixed list, or the items it may point at. A value that is not among them (an item since
    /// deleted, an image not in the library) is still offered, marked, so opening and saving never loses it.
    /// </summary>
    public IReadOnlyList<(string Value, string Label)> OptionsFor(EditorField field, string? current)
    {
        ArgumentNullException.ThrowIfNull(field);
        var options = field.Fixed?.ToList() ?? [(Value: "", Label: field.Input == EditorInput.Choices ? "" : "— không chọn —"), .. _choices.GetValueOrDefault(field.Options) ?? []];
        if (field.Input == EditorInput.Choices) options.RemoveAll(o => o.Value.Length == 0);
        if (!string.IsNullOrEmpty(current) && options.All(o => o.Value != current)) options.Add((current, $"{current} (không có trong danh sách)"));
        return options;
    }

    private static ContentKind? KindOf(EditorOptions option) => option switch
    {
        EditorOptions.Localities => ContentKind.Locality,
        EditorOptions.Villages => ContentKind.Village,
        EditorOptions.Crafts => ContentKind.Craft,
        EditorOptions.Documents => ContentKind.Document,
        EditorOptions.Plans => ContentKind.Plan,
        EditorOptions.Sights => ContentKind.Sight,
        _ => null,
    };
}
