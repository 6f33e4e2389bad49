using System.Globalization;
using PublicPortal.Web.Data;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace PublicPortal.Web.Features.Content;

/// <summary>A malformed content file: which file, and why, in words an editor can act on.</summary>
public sealed class ContentFormatException(string reason) : Exception(reason);

/// <summary>The YAML header of a content file. Keys are snake_case; unknown keys are errors, so typos are caught.</summary>
public sealed class FrontMatterDto
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? Status { get; set; }
    public string? Published { get; set; }

    /// <summary>"month" or "year" when the source gives no day (the item is shown as "tháng 10/2022", "năm 2019").</summary>
    public string? DatePrecision { get; set; }
    public string? Cover { get; set; }
    public string? CoverAlt { get; set; }
    public long? Views { get; set; }
    public List<SourceDto>? Sources { get; set; }
    public string? DocumentType { get; set; }
    public string? Number { get; set; }
    public string? Issuer { get; set; }
    public string? Signer { get; set; }
    public string? Issued { get; set; }
    public string? Effective { get; set; }
    public string? Attachment { get; set; }
    public string? Period { get; set; }
    public string? Parent { get; set; }
    public string? Document { get; set; }
    public List<TargetDto>? Targets { get; set; }
    public List<TaskDto>? Tasks { get; set; }
    public List<PhotoDto>? Photos { get; set; }
    public LocalityDto? Locality { get; set; }
    public CraftDto? Craft { get; set; }
    public VillageDto? Village { get; set; }
    public ProductDto? Product { get; set; }
    public SightDto? Sight { get; set; }
    public RouteDto? Route { get; set; }

    public sealed class SourceDto
    {
        public string? Title { get; set; }
        public string? Url { get; set; }
    }

    public sealed class TargetDto
    {
        public int Number { get; set; }
        public string? Part { get; set; }
        public string? Text { get; set; }
        public string? Indicator { get; set; }
        public string? Value { get; set; }
        public int? Deadline { get; set; }
        public string? Unit { get; set; }
        public decimal? Goal { get; set; }
        public bool? Exceed { get; set; }
        public bool? Rate { get; set; }
        public string? Measure { get; set; }
        public decimal? Baseline { get; set; }
        public int? BaselineYear { get; set; }
        public string? National { get; set; }
        public List<ValueDto>? Values { get; set; }
    }

    public sealed class ValueDto
    {
        public int Year { get; set; }
        public decimal? Value { get; set; }
        public string? Source { get; set; }
        public string? SourceUrl { get; set; }
        public string? Updated { get; set; }
    }

    public sealed class TaskDto
    {
        public int Number { get; set; }
        public string? Text { get; set; }
        public string? Agency { get; set; }
        public string? Status { get; set; }
        public string? Topic { get; set; }
    }
}

/// <summary>Reads and writes one content file: YAML front matter between "---" lines, then the Markdown body.</summary>
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
        return ToItem(dto, body, kind, fileSlug);
    }

    public static string Write(ContentItem item)
    {
        var dto = ToDto(item);
        var yaml = Writer.Serialize(dto);
        var body = item.Body.Length == 0 ? "" : "\n" + item.Body + "\n";
        return $"{Fence}\n{yaml}{Fence}\n{body}";
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

    private static ContentItem ToItem(FrontMatterDto dto, string body, ContentKind kind, string fileSlug)
    {
        var title = Required(dto.Title, "title");
        var slug = dto.Slug?.Trim() ?? fileSlug;
        if (!VietnameseText.IsValidSlug(slug))
            throw new ContentFormatException($"slug '{slug}' is not valid: use lower-case ASCII letters, digits and single dashes (e.g. '{VietnameseText.Slugify(slug)}')");

        var status = (dto.Status?.Trim().ToLowerInvariant()) switch
        {
            null or "published" => ContentStatus.Published,
            "draft" => ContentStatus.Draft,
            var other => throw new ContentFormatException($"status '{other}' is not 'published' or 'draft'"),
        };

        var item = new ContentItem
        {
            Kind = kind,
            Slug = slug,
            Title = title,
            Summary = Optional(dto.Summary),
            Body = body,
            Status = status,
            PublishedAtUtc = ParseInstant(Required(dto.Published, "published"), "published"),
            DatePrecision = dto.DatePrecision switch
            {
                null or "day" => Data.DatePrecision.Day,
                "month" => Data.DatePrecision.Month,
                "year" => Data.DatePrecision.Year,
                var other => throw new ContentFormatException($"date_precision '{other}' is not 'day', 'month' or 'year'"),
            },
            CoverImage = MediaPath(dto.Cover, "cover"),
            CoverAlt = Optional(dto.CoverAlt),
            FileViews = dto.Views is < 0 ? throw new ContentFormatException("views cannot be negative") : dto.Views,
            Sources = (dto.Sources ?? []).Select((s, i) => new SourceRef
            {
                Title = Required(s.Title, $"sources[{i}].title"),
                Url = AbsoluteUrl(s.Url, $"sources[{i}].url"),
            }).ToList(),
            DocumentType = Optional(dto.DocumentType),
            DocumentNumber = Optional(dto.Number),
            Issuer = Optional(dto.Issuer),
            Signer = Optional(dto.Signer),
            IssuedOn = ParseDate(dto.Issued, "issued"),
            EffectiveOn = ParseDate(dto.Effective, "effective"),
            Attachment = MediaPath(dto.Attachment, "attachment"),
            Period = Optional(dto.Period),
            ParentSlug = Optional(dto.Parent),
            DocumentSlug = Optional(dto.Document),
            Targets = ReadTargets(dto.Targets ?? []),
            Tasks = (dto.Tasks ?? []).Select((t, i) => new PlanTask
            {
                Number = t.Number,
                Text = Required(t.Text, $"tasks[{i}].text"),
                Agency = Required(t.Agency, $"tasks[{i}].agency"),
                Status = Optional(t.Status) is not { } status ? null
                    : Programme.ProgressTracker.TaskStatuses.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase))
                      ?? throw new ContentFormatException($"'tasks[{i}].status' must be one of: {string.Join(", ", Programme.ProgressTracker.TaskStatuses)}"),
                Topic = Optional(t.Topic),
            }).ToList(),
        };

        if (kind == ContentKind.Document)
        {
            Required(item.DocumentType, "document_type");
            Required(item.DocumentNumber, "number");
            Required(item.Issuer, "issuer");
            if (item.IssuedOn is null) throw new ContentFormatException("'issued' is required for a legal document");
        }
        CatalogueFrontMatter.Read(item, dto);
        if (item.CoverImage is not null && item.CoverAlt is null)
            throw new ContentFormatException("'cover_alt' is required when 'cover' is set (alternative text for readers who cannot see the image)");
        return item;
    }

    private static FrontMatterDto ToDto(ContentItem item)
    {
        var dto = ToCommonDto(item);
        CatalogueFrontMatter.Write(item, dto);
        return dto;
    }

    /// <summary>A number as written (1, not 1.0): the stored JSON may hand a decimal back with another scale, and the file must not change with it.</summary>
    private static decimal? Plain(decimal? value) => value is { } v ? v / 1.0000000000000000000000000000m : null;

    private static FrontMatterDto ToCommonDto(ContentItem item) => new()
    {
        Title = item.Title,
        Slug = null, // the file name carries the slug
        Summary = item.Summary,
        Status = item.Status == ContentStatus.Draft ? "draft" : "published",
        Published = FormatInstant(item.PublishedAtUtc),
        DatePrecision = item.DatePrecision switch
        {
            Data.DatePrecision.Month => "month",
            Data.DatePrecision.Year => "year",
            _ => null,
        },
        Cover = item.CoverImage,
        CoverAlt = item.CoverAlt,
        Views = item.FileViews is null or 0 ? null : item.FileViews,
        Sources = item.Sources.Count == 0 ? null : item.Sources.Select(s => new FrontMatterDto.SourceDto { Title = s.Title, Url = s.Url }).ToList(),
        DocumentType = item.DocumentType,
        Number = item.DocumentNumber,
        Issuer = item.Issuer,
        Signer = item.Signer,
        Issued = item.IssuedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Effective = item.EffectiveOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Attachment = item.Attachment,
        Period = item.Period,
        Parent = item.ParentSlug,
        Document = item.DocumentSlug,
        Targets = item.Targets.Count == 0 ? null : item.Targets.Select(t => new FrontMatterDto.TargetDto
        {
            Number = t.Number, Part = t.Part, Text = t.Text, Indicator = t.Indicator, Value = t.Value, Deadline = t.Deadline,
            Unit = t.Unit, Goal = Plain(t.Goal), Exceed = t.Exceed ? true : null, Rate = t.Rate ? true : null, Measure = t.Measure,
            Baseline = Plain(t.BaselineValue), BaselineYear = t.BaselineYear, National = t.National,
            Values = t.Values.Count == 0 ? null : t.Values.Select(v => new FrontMatterDto.ValueDto
            {
                Year = v.Year, Value = Plain(v.Value)!.Value, Source = v.Source, SourceUrl = v.SourceUrl,
                Updated = v.Updated?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }).ToList(),
        }).ToList(),
        Tasks = item.Tasks.Count == 0 ? null : item.Tasks.Select(t => new FrontMatterDto.TaskDto
        {
            Number = t.Number, Text = t.Text, Agency = t.Agency, Status = t.Status, Topic = t.Topic,
        }).ToList(),
    };

    /// <summary>Publish instants are written in Vietnam time, the way editors think of them.</summary>
    public static string FormatInstant(DateTime utc) =>
        VietnamTime.ToOffset(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static DateTime ParseInstant(string value, string key)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return VietnamTime.StartOfDayUtc(day);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) &&
            value.Length >= 16 && (value.EndsWith('Z') || value[^6] is '+' or '-'))
            return instant.UtcDateTime;
        throw new ContentFormatException($"'{key}' must be a date (2024-06-05) or a date and time with offset (2024-06-05T08:00:00+07:00), not '{value}'");
    }

    private static DateOnly? ParseDate(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        throw new ContentFormatException($"'{key}' must be a date written as yyyy-MM-dd, not '{value}'");
    }

    internal static string Required(string? value, string key) =>
        Optional(value) ?? throw new ContentFormatException($"'{key}' is required");

    internal static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : InputLimits.StripBidi(value.Trim());

    /// <summary>Media paths are relative to content/ and must stay inside content/media.</summary>
    /// <summary>A plan target and its indicator: a known measure or yearly figures with their source, a goal to measure against.</summary>
    private static List<PlanTarget> ReadTargets(List<FrontMatterDto.TargetDto> dtos)
    {
        var targets = dtos.Select((t, i) => ReadTarget(t, $"targets[{i}]")).ToList();
        if (targets.GroupBy(t => (t.Number, t.Part)).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ContentFormatException($"'targets' has number {twice.Key.Number}{twice.Key.Part} twice");
        if (targets.GroupBy(t => t.Number).FirstOrDefault(g => g.Count() > 1 && g.Any(t => t.Part is null)) is { } mixed)
            throw new ContentFormatException($"'targets': target {mixed.Key} has parts, so each of its entries needs a 'part' (a, b, c…)");
        return targets;
    }

    private static PlanTarget ReadTarget(FrontMatterDto.TargetDto t, string key)
    {
        var part = Optional(t.Part);
        if (part is not null && !(part.Length == 1 && part[0] is >= 'a' and <= 'z'))
            throw new ContentFormatException($"'{key}.part' must be one lower-case letter (a, b, c…), not '{part}'");
        var measure = Optional(t.Measure);
        if (measure is not null && !Programme.ProgressTracker.Measures.ContainsKey(measure))
            throw new ContentFormatException($"'{key}.measure' must be one of: {string.Join(", ", Programme.ProgressTracker.Measures.Keys)}");
        if (measure is not null && t.Values is { Count: > 0 })
            throw new ContentFormatException($"'{key}': a measure computed from the catalogue takes no 'values'");
        if ((t.Baseline is null) != (t.BaselineYear is null))
            throw new ContentFormatException($"'{key}': 'baseline' and 'baseline_year' go together");
        var values = (t.Values ?? []).Select((v, j) => new IndicatorValue
        {
            Year = v.Year is >= 2000 and <= 2100 ? v.Year : throw new ContentFormatException($"'{key}.values[{j}].year' must be a year, not {v.Year}"),
            Value = v.Value ?? throw new ContentFormatException($"'{key}.values[{j}].value' is required"),
            Source = Required(v.Source, $"{key}.values[{j}].source"),
            SourceUrl = AbsoluteUrl(v.SourceUrl, $"{key}.values[{j}].source_url"),
            Updated = ParseDate(v.Updated, $"{key}.values[{j}].updated"),
        }).OrderBy(v => v.Year).ToList();
        if (values.GroupBy(v => v.Year).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ContentFormatException($"'{key}.values' has {twice.Key} twice");
        return new PlanTarget
        {
            Number = t.Number,
            Part = part,
            Text = Required(t.Text, $"{key}.text"),
            Indicator = Optional(t.Indicator),
            Value = Optional(t.Value),
            Deadline = t.Deadline,
            Unit = Optional(t.Unit),
            Goal = t.Goal,
            Exceed = t.Exceed ?? false,
            Rate = t.Rate ?? false,
            Measure = measure,
            BaselineValue = t.Baseline,
            BaselineYear = t.BaselineYear,
            National = Optional(t.National),
            Values = values,
        };
    }

    internal static string? MediaPath(string? value, string key)
    {
        var path = Optional(value);
        if (path is null) return null;
        var segments = path.Split('/');
        if (segments.Length < 2 || segments[0] != ContentKinds.MediaFolder ||
            segments.Any(s => s.Length == 0 || s == "." || s == ".." || s.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
            throw new ContentFormatException($"'{key}' must be a path under media/ made of ASCII letters, digits, '-', '_' and '.', not '{path}'");
        return path;
    }

    private static string? AbsoluteUrl(string? value, string key)
    {
        var url = Optional(value);
        if (url is null) return null;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            return url;
        throw new ContentFormatException($"'{key}' must be an http(s) address, not '{url}'");
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
