using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Common;

namespace Ledger.Leaderboards;

/// <summary>
/// A calendar period of the leaderboard: <c>2025-03</c> (month), <c>2025-Q1</c> (quarter), <c>2025</c> (year) or
/// <c>all</c>. Periods are whole calendar months of the community's zone, so a period is also a half-open range
/// of month keys <c>[FirstMonth, EndMonth)</c> that the read model's monthly buckets are summed over.
/// </summary>
/// <param name="Text">The canonical text, e.g. <c>2025-Q1</c>.</param>
/// <param name="FirstMonth">First month included; null for <c>all</c>.</param>
/// <param name="EndMonth">First month after the period; null for <c>all</c>.</param>
public sealed partial record LeaderboardPeriod(string Text, DateOnly? FirstMonth, DateOnly? EndMonth)
{
    /// <summary>Every month there is.</summary>
    public static LeaderboardPeriod All { get; } = new("all", null, null);

    /// <summary>True for <c>all</c>.</summary>
    public bool IsAll => FirstMonth is null;

    /// <summary>Parses <paramref name="text"/>; null when it is not a period (years 2000 to 2999).</summary>
    public static LeaderboardPeriod? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text == "all")
        {
            return All;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            return month is < 1 or > 12 ? null : Months(text, new DateOnly(year, month, 1), 1);
        }

        if (match.Groups["quarter"].Success)
        {
            var quarter = int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture);
            return Months(text, new DateOnly(year, (quarter - 1) * 3 + 1, 1), 3);
        }

        return Months(text, new DateOnly(year, 1, 1), 12);
    }

    /// <summary>True when <paramref name="text"/> parses.</summary>
    public static bool IsValid(string? text) => Parse(text) is not null;

    /// <summary>The period as UTC instants <c>[Start, End)</c> in <paramref name="timeZoneId"/>; nulls for <c>all</c>.</summary>
    public (DateTimeOffset? Start, DateTimeOffset? End) InstantsIn(string timeZoneId) =>
        IsAll ? (null, null) : (StartOf(FirstMonth!.Value, timeZoneId), StartOf(EndMonth!.Value, timeZoneId));

    /// <summary>True when the month bucket <paramref name="month"/> lies in the period.</summary>
    public bool Contains(DateOnly month) => IsAll || (month >= FirstMonth!.Value && month < EndMonth!.Value);

    /// <summary>The key of a month bucket: <c>yyyy-MM</c>, ordered as text the way months are ordered in time.</summary>
    public static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The period in Chinese: 2025年3月, 2025年第一季度, 2025年度, 全部.</summary>
    public string ChineseName => Text switch
    {
        "all" => "历年累计",
        _ when Text.Contains('Q') => $"{FirstMonth!.Value.Year}年第{"一二三四"[(FirstMonth.Value.Month - 1) / 3]}季度",
        _ when Text.Length == 4 => $"{FirstMonth!.Value.Year}年度",
        _ => $"{FirstMonth!.Value.Year}年{FirstMonth.Value.Month}月",
    };

    /// <summary>The period in English: March 2025, Q1 2025, 2025, all time.</summary>
    public string EnglishName => Text switch
    {
        "all" => "all time",
        _ when Text.Contains('Q') => $"Q{(FirstMonth!.Value.Month - 1) / 3 + 1} {FirstMonth.Value.Year}",
        _ when Text.Length == 4 => Text,
        _ => FirstMonth!.Value.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
    };

    private static LeaderboardPeriod Months(string text, DateOnly first, int count) => new(text, first, first.AddMonths(count));

    // Local midnight of the first day, in the zone; Shanghai has no DST, but other zones may, hence the zone's own offset.
    private static DateTimeOffset StartOf(DateOnly month, string timeZoneId)
    {
        var local = month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var zone = CommunityCalendar.Zone(timeZoneId);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    [GeneratedRegex(@"\A(?<year>2[0-9]{3})(?:-(?<month>[0-9]{2})|-Q(?<quarter>[1-4]))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
