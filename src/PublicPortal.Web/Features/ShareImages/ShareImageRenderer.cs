using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Caching.Memory;
using SkiaSharp;
using Svg.Skia;

namespace PublicPortal.Web.Features.ShareImages;

/// <summary>
/// Draws the picture a shared link shows (Open Graph, 1200 × 630 PNG) for an item without a photo: the project's
/// colours, the item's kind and title, and its craft's pictogram (SVG, drawn with Svg.Skia). The title is set in a font
/// shipped with the site (wwwroot-assets/fonts), so it renders the same on a machine without fonts.
/// </summary>
public sealed class ShareImageRenderer : IDisposable
{
    public const int Width = 1200;
    public const int Height = 630;
    private const int MaxTitleLines = 4;
    private const int Margin = 72;

    private static readonly SKColor Paper = SKColor.Parse("#f6f3ee");
    private static readonly SKColor Brand = SKColor.Parse("#8a2d12");
    private static readonly SKColor Ink = SKColor.Parse("#1d2327");
    private static readonly SKColor Muted = SKColor.Parse("#4a5560");

    private readonly IFileProvider _webRoot;
    private readonly Lazy<SKTypeface> _typeface;

    // Two cores: one drawing at a time, so a crawler asking for every picture at once cannot starve the pages.
    private readonly SemaphoreSlim _drawing = new(1, 1);

    // Pictures already drawn, by what they show: the output cache keeps a page's copy 10 minutes, this keeps the drawing
    // until the title or pictogram changes (bounded: 32 MB, about a thousand pictures, least used first out).
    private readonly MemoryCache _drawn = new(new MemoryCacheOptions { SizeLimit = 32 * 1024 * 1024 });

    public ShareImageRenderer(IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _webRoot = environment.WebRootFileProvider;
        _typeface = new Lazy<SKTypeface>(() =>
        {
            using var stream = _webRoot.GetFileInfo("fonts/DejaVuSans-Bold.ttf").CreateReadStream();
            return SKTypeface.FromStream(stream) ?? SKTypeface.Default;
        });
    }

    public async Task<byte[]> RenderAsync(string kindLabel, string title, string? pictogram, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kindLabel);
        ArgumentNullException.ThrowIfNull(title);
        var key = (kindLabel, title, pictogram);
        if (_drawn.TryGetValue(key, out byte[]? kept) && kept is not null) return kept;
        var svg = pictogram is null ? null : await ReadAsync($"img/crafts/{pictogram}.svg", cancellationToken);
        await _drawing.WaitAsync(cancellationToken);
        try
        {
            if (_drawn.TryGetValue(key, out kept) && kept is not null) return kept;
            var png = Render(kindLabel, title.Normalize(System.Text.NormalizationForm.FormC), svg);
            _drawn.Set(key, png, new MemoryCacheEntryOptions { Size = png.Length });
            return png;
        }
        finally
        {
            _drawing.Release();
        }
    }

    private async Task<string?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var file = _webRoot.GetFileInfo(path);
        if (!file.Exists) return null;
        await using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private byte[] Render(string kindLabel, string title, string? pictogramSvg)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(Paper);
        using (var band = new SKPaint { Color = Brand, IsAntialias = true })
        {
            canvas.DrawRect(0, 0, 24, Height, band);
            canvas.DrawRect(0, Height - 12, Width, 12, band);
        }

        var textWidth = Width - 2 * Margin;
        if (pictogramSvg is not null && DrawPictogram(canvas, pictogramSvg, new SKRect(Width - Margin - 300, 150, Width - Margin, 450)))
            textWidth -= 340;

        var typeface = _typeface.Value;
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var muted = new SKPaint { Color = Muted, IsAntialias = true };
        using var brand = new SKPaint { Color = Brand, IsAntialias = true };
        using (var labelFont = new SKFont(typeface, 30))
            canvas.DrawText(kindLabel.ToUpperInvariant(), Margin, 110, SKTextAlign.Left, labelFont, muted);

        // The largest size at which the title fits in four lines.
        foreach (var size in new[] { 64f, 56f, 48f, 42f })
        {
            using var font = new SKFont(typeface, size);
            var lines = Wrap(title, font, textWidth, out var fits);
            if (!fits && size > 42f) continue;
            var y = 200f;
            foreach (var line in lines)
            {
                canvas.DrawText(line, Margin, y, SKTextAlign.Left, font, ink);
                y += size * 1.25f;
            }
            break;
        }
        using (var siteFont = new SKFont(typeface, 30))
            canvas.DrawText(Web.PageMetadata.SiteName, Margin, Height - 60, SKTextAlign.Left, siteFont, brand);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Words into lines no wider than the space; more than four lines end the fourth with "…".</summary>
    private static List<string> Wrap(string text, SKFont font, float width, out bool fits)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(w => Pieces(w, font, width)))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(candidate) <= width || line.Length == 0) line = candidate;
            else
            {
                lines.Add(line);
                line = word;
            }
        }
        if (line.Length > 0) lines.Add(line);
        fits = lines.Count <= MaxTitleLines && lines.All(l => font.MeasureText(l) <= width);
        if (lines.Count <= MaxTitleLines) return lines;
        var kept = lines.Take(MaxTitleLines).ToList();
        var last = new System.Globalization.StringInfo(kept[^1]);
        var length = last.LengthInTextElements;
        // Whole letters only (a letter with its marks, an emoji), never half of one.
        while (length > 1 && font.MeasureText(last.SubstringByTextElements(0, length) + "…") > width) length--;
        kept[^1] = last.SubstringByTextElements(0, length).TrimEnd() + "…";
        return kept;
    }

    /// <summary>A word wider than the line (a long address, a code) cut into pieces that fit, on whole letters.</summary>
    private static IEnumerable<string> Pieces(string word, SKFont font, float width)
    {
        if (font.MeasureText(word) <= width)
        {
            yield return word;
            yield break;
        }
        var letters = new System.Globalization.StringInfo(word);
        var start = 0;
        while (start < letters.LengthInTextElements)
        {
            var count = 1;
            while (start + count < letters.LengthInTextElements && font.MeasureText(letters.SubstringByTextElements(start, count + 1)) <= width) count++;
            yield return letters.SubstringByTextElements(start, count);
            start += count;
        }
    }

    private static bool DrawPictogram(SKCanvas canvas, string svgText, SKRect box)
    {
        using var svg = new SKSvg();
        // The pictograms draw in currentColor; in a picture there is no CSS to give it, so it is the brand colour.
        if (svg.FromSvg(svgText.Replace("currentColor", "#8a2d12", StringComparison.Ordinal)) is not { } picture) return false;
        var bounds = picture.CullRect;
        if (bounds.Width <= 0 || bounds.Height <= 0) return false;
        var scale = Math.Min(box.Width / bounds.Width, box.Height / bounds.Height);
        canvas.Save();
        canvas.Translate(box.Left, box.Top);
        canvas.Scale(scale);
        canvas.DrawPicture(picture);
        canvas.Restore();
        return true;
    }

    public void Dispose()
    {
        _drawing.Dispose();
        _drawn.Dispose();
        if (_typeface.IsValueCreated) _typeface.Value.Dispose();
    }
}
