using System.Collections.Concurrent;

namespace Ledger.Common;

/// <summary>
/// Calendar periods in a community's time zone: events are recorded in UTC, but a "month" for a monthly cap or a
/// statement day is the one the community lives in (Asia/Shanghai unless registered otherwise).
/// </summary>
public static class CommunityCalendar
{
    /// <summary>The zone a community gets when none is given.</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";

    // Only zones that exist are cached, so validating arbitrary input cannot grow the cache.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="timeZoneId"/> names an IANA zone this machine knows.</summary>
    public static bool IsKnownZone(string? timeZoneId) => timeZoneId is not null && Find(timeZoneId) is not null;

    /// <summary>The zone, or an exception for an unknown id (ids are validated before they are recorded).</summary>
    public static TimeZoneInfo Zone(string timeZoneId) =>
        Find(timeZoneId) ?? throw new TimeZoneNotFoundException($"Unknown time zone '{timeZoneId}'.");

    /// <summary>The local calendar date of <paramref name="time"/> in <paramref name="timeZoneId"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset time, string timeZoneId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, Zone(timeZoneId)).DateTime);

    /// <summary>The first day of the local calendar month of <paramref name="time"/>: the key of a monthly cap.</summary>
    public static DateOnly MonthOf(DateTimeOffset time, string timeZoneId)
    {
        var date = DateOf(time, timeZoneId);
        return new DateOnly(date.Year, date.Month, 1);
    }

    private static TimeZoneInfo? Find(string id)
    {
        if (Zones.TryGetValue(id, out var cached))
        {
            return cached;
        }

        if (id.Length is 0 or > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return null;
        }

        return Zones.GetOrAdd(id, zone);
    }
}
