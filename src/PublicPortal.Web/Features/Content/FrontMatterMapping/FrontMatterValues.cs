using System.Globalization;

namespace PublicPortal.Web.Features.Content;

/// <summary>The front matter's field-level rules, shared by every mapper: required and optional text, dates, slugs, paths and addresses.</summary>
internal static class FrontMatterValues
{
    internal const string DateFormat = "yyyy-MM-dd";

    public static string Required(string? value, string key) =>
        Optional(value) ?? throw new ContentFormatException($"'{key}' is required");

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : InputLimits.StripBidi(value.Trim());

    /// <summary>Publish instants are written in Vietnam time, the way editors think of them.</summary>
    public static string FormatInstant(DateTime utc) =>
        VietnamTime.ToOffset(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static DateTime ParseInstant(string value, string key)
    {
        if (DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return VietnamTime.StartOfDayUtc(day);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) &&
            value.Length >= 16 && (value.EndsWith('Z') || value[^6] is '+' or '-'))
            return instant.UtcDateTime;
        throw new ContentFormatException($"'{key}' must be a date (2024-06-05) or a date and time with offset (2024-06-05T08:00:00+07:00), not '{value}'");
    }

    public static DateOnly? ParseDate(string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        throw new ContentFormatException($"'{key}' must be a date written as yyyy-MM-dd, not '{value}'");
    }

    public static string? FormatDate(DateOnly? day) => day?.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A number as written (1, not 1.0): the stored JSON may hand a decimal back with another scale, and the file must not change with it.</summary>
    public static decimal? Plain(decimal? value) => value is { } v ? v / 1.0000000000000000000000000000m : null;

    /// <summary>Media paths are relative to content/ and must stay inside content/media.</summary>
    public static string? MediaPath(string? value, string key)
    {
        var path = Optional(value);
        if (path is null) return null;
        var segments = path.Split('/');
        if (segments.Length < 2 || segments[0] != ContentKinds.MediaFolder ||
            segments.Any(s => s.Length == 0 || s == "." || s == ".." || s.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
            throw new ContentFormatException($"'{key}' must be a path under media/ made of ASCII letters, digits, '-', '_' and '.', not '{path}'");
        return path;
    }

    public static string? AbsoluteUrl(string? value, string key)
    {
        var url = Optional(value);
        if (url is null) return null;
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            return url;
        throw new ContentFormatException($"'{key}' must be an http(s) address, not '{url}'");
    }

    /// <summary>A reference to another item by its slug.</summary>
    public static string? Slug(string? value, string key)
    {
        var slug = Optional(value);
        if (slug is not null && !VietnameseText.IsValidSlug(slug)) throw new ContentFormatException($"'{key}' must be a slug, not '{slug}'");
        return slug;
    }
}
