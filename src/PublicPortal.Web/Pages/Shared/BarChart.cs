namespace PublicPortal.Web.Pages.Shared;

/// <summary>
/// A bar chart drawn on the server (inline SVG, readable without JavaScript; pages put the same numbers in a table).
/// <paramref name="Goal"/> draws a target line; <paramref name="Unit"/> follows each number.
/// </summary>
/// <param name="Notes">Said after each bar's value in its tooltip, by position ("(1/3 làng nghề)"); null: nothing.</param>
public sealed record BarChart(string Id, string Title, IReadOnlyList<(string Label, double Value)> Points, double? Goal = null, string Unit = "", IReadOnlyList<string>? Notes = null);
