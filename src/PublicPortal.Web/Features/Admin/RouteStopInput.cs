using PublicPortal.Web.Data;

namespace PublicPortal.Web.Features.Admin;

/// <summary>One stop of a route in the editor: "village:slug" or "sight:slug", with a note and minutes.</summary>
public sealed class RouteStopInput
{
    public string Place { get; set; } = "";
    public string? Note { get; set; }
    public int? Minutes { get; set; }

    public static RouteStopInput From(RouteStop stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        return new() { Place = stop.Kind + ":" + stop.Slug, Note = stop.Note, Minutes = stop.Minutes };
    }

    /// <summary>The stop it names, or null for a place that is neither a village nor a sight.</summary>
    public RouteStop? ToStop()
    {
        var parts = Place.Split(':', 2);
        if (parts.Length != 2 || parts[0] is not ("village" or "sight")) return null;
        return new RouteStop { Kind = parts[0], Slug = parts[1], Note = Note, Minutes = Minutes };
    }

    /// <summary>
    /// A stop button: "add" (the place chosen in <paramref name="newStop"/>, if it is offered), "remove:i", "up:i",
    /// "down:i". Returns true when the new stop was added (its picker then clears).
    /// </summary>
    public static bool Change(List<RouteStopInput> stops, string action, string? newStop, IReadOnlyList<(string Value, string Label)> places)
    {
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(places);
        var parts = action.Split(':');
        var at = parts.Length == 2 && int.TryParse(parts[1], out var i) && i >= 0 && i < stops.Count ? i : -1;
        switch (parts[0])
        {
            case "add" when !string.IsNullOrEmpty(newStop) && places.Any(p => p.Value == newStop):
                stops.Add(new RouteStopInput { Place = newStop });
                return true;
            case "remove" when at >= 0:
                stops.RemoveAt(at);
                break;
            case "up" when at > 0:
                (stops[at - 1], stops[at]) = (stops[at], stops[at - 1]);
                break;
            case "down" when at >= 0 && at < stops.Count - 1:
                (stops[at + 1], stops[at]) = (stops[at], stops[at + 1]);
                break;
        }
        return false;
    }
}
