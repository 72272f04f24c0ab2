using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Api.Endpoints;

/// <summary>
/// Reads query values strictly, so a wrong one is a 400 naming the parameter instead of being guessed at:
/// a time without an offset would otherwise be read in the server's own zone.
/// </summary>
internal static partial class QueryValues
{
    /// <summary>The message for a time that is not ISO 8601 with an offset.</summary>
    public const string TimeMessage = "Give an ISO 8601 time with an offset, e.g. 2025-03-31T23:59:59+08:00 or 2025-03-31T15:59:59Z.";

    /// <summary>The message for a day that is not yyyy-MM-dd.</summary>
    public const string DateMessage = "Give a calendar day as yyyy-MM-dd, e.g. 2025-03-01.";

    /// <summary>
    /// Parses an ISO 8601 time that names its offset. A space before the offset is read as <c>+</c>: an unencoded
    /// <c>+08:00</c> in a query string arrives as <c> 08:00</c>, and refusing what the person plainly meant helps nobody.
    /// </summary>
    public static bool TryParseTime(string? text, out DateTimeOffset? time, List<(string Field, string Message)> errors, string field)
    {
        time = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        var repaired = SpaceBeforeOffset().Replace(text, "+$1");
        if (IsoTime().IsMatch(repaired) &&
            DateTimeOffset.TryParse(repaired, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            time = parsed;
            return true;
        }

        errors.Add((field, TimeMessage));
        return false;
    }

    /// <summary>The message for a ledger position that is not a whole number of 0 or more.</summary>
    public const string PositionMessage = "Give a global ledger position: a whole number of 0 or more, e.g. 1042.";

    /// <summary>Parses a global ledger position (digits only: no sign, no fraction).</summary>
    public static bool TryParsePosition(string? text, out long? position, List<(string Field, string Message)> errors, string field)
    {
        position = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            position = parsed;
            return true;
        }

        errors.Add((field, PositionMessage));
        return false;
    }

    /// <summary>Parses a calendar day written yyyy-MM-dd.</summary>
    public static bool TryParseDate(string? text, out DateOnly? date, List<(string Field, string Message)> errors, string field)
    {
        date = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        errors.Add((field, DateMessage));
        return false;
    }

    /// <summary>The errors as the <c>errors</c> map of a validation problem.</summary>
    public static Dictionary<string, string[]> ToErrorMap(this List<(string Field, string Message)> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();

    [GeneratedRegex(@" (\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforeOffset();
}
