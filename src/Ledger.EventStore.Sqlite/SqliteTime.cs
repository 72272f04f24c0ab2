using System.Globalization;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// Parses recorded-at text in <see cref="EventHasher.TimeFormat"/>. Reading the whole ledger parses one per event,
/// so the fixed layout is decoded by hand; anything else falls back to the general parser.
/// </summary>
internal static class SqliteTime
{
    public static DateTimeOffset Parse(string text)
    {
        // yyyy-MM-ddTHH:mm:ss.ffffffZ
        // 0123456789012345678901234567
        if (text.Length == 27 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':'
            && text[19] == '.' && text[26] == 'Z'
            && TryDigits(text, 0, 4, out var year) && TryDigits(text, 5, 2, out var month) && TryDigits(text, 8, 2, out var day)
            && TryDigits(text, 11, 2, out var hour) && TryDigits(text, 14, 2, out var minute) && TryDigits(text, 17, 2, out var second)
            && TryDigits(text, 20, 6, out var microsecond))
        {
            var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + microsecond * 10L;
            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        return DateTimeOffset.ParseExact(
            text, EventHasher.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = value * 10 + digit;
        }

        return true;
    }
}
