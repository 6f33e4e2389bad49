namespace PublicPortal.Web.Features.Content;

/// <summary>A plan target and its indicator.</summary>
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
