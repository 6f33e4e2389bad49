using PublicPortal.Web.Data;
using PublicPortal.Web.Features.Programme;
using static PublicPortal.Web.Features.Content.FrontMatterValues;

namespace PublicPortal.Web.Features.Content;

/// <summary>A plan's fields: period, parent plan and document, targets with their indicators, and tasks; the rules are the programme's.</summary>
internal static class PlanMapper
{
    public static void Read(ContentItem item, FrontMatterDto dto)
    {
        item.Period = Optional(dto.Period);
        item.ParentSlug = Optional(dto.Parent);
        item.DocumentSlug = Optional(dto.Document);
        item.Targets = PlanTargetRules.Numbered((dto.Targets ?? []).Select((t, i) => ReadTarget(t, $"targets[{i}]")).ToList());
        item.Tasks = (dto.Tasks ?? []).Select((t, i) => new PlanTask
        {
            Number = t.Number,
            Text = Required(t.Text, $"tasks[{i}].text"),
            Agency = Required(t.Agency, $"tasks[{i}].agency"),
            Status = PlanTargetRules.TaskStatus(Optional(t.Status), $"tasks[{i}].status"),
            Topic = Optional(t.Topic),
        }).ToList();
    }

    /// <summary>A plan target and its indicator: a known measure or yearly figures with their source, a goal to measure against.</summary>
    private static PlanTarget ReadTarget(TargetDto t, string key)
    {
        var part = PlanTargetRules.Part(Optional(t.Part), key);
        var measure = PlanTargetRules.Measure(Optional(t.Measure), t.Values is { Count: > 0 }, key);
        PlanTargetRules.Baseline(t.Baseline, t.BaselineYear, key);
        var values = PlanTargetRules.ByYear((t.Values ?? []).Select((v, j) => new IndicatorValue
        {
            Year = PlanTargetRules.Year(v.Year, $"{key}.values[{j}]"),
            Value = v.Value ?? throw new ContentFormatException($"'{key}.values[{j}].value' is required"),
            Source = Required(v.Source, $"{key}.values[{j}].source"),
            SourceUrl = AbsoluteUrl(v.SourceUrl, $"{key}.values[{j}].source_url"),
            Updated = ParseDate(v.Updated, $"{key}.values[{j}].updated"),
        }), key);
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

    public static void Write(ContentItem item, FrontMatterDto dto)
    {
        dto.Period = item.Period;
        dto.Parent = item.ParentSlug;
        dto.Document = item.DocumentSlug;
        dto.Targets = item.Targets.Count == 0 ? null : item.Targets.Select(t => new TargetDto
        {
            Number = t.Number, Part = t.Part, Text = t.Text, Indicator = t.Indicator, Value = t.Value, Deadline = t.Deadline,
            Unit = t.Unit, Goal = Plain(t.Goal), Exceed = t.Exceed ? true : null, Rate = t.Rate ? true : null, Measure = t.Measure,
            Baseline = Plain(t.BaselineValue), BaselineYear = t.BaselineYear, National = t.National,
            Values = t.Values.Count == 0 ? null : t.Values.Select(v => new ValueDto
            {
                Year = v.Year, Value = Plain(v.Value)!.Value, Source = v.Source, SourceUrl = v.SourceUrl,
                Updated = FormatDate(v.Updated),
            }).ToList(),
        }).ToList();
        dto.Tasks = item.Tasks.Count == 0 ? null : item.Tasks.Select(t => new TaskDto
        {
            Number = t.Number, Text = t.Text, Agency = t.Agency, Status = t.Status, Topic = t.Topic,
        }).ToList();
    }
}
