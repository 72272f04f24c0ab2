using System.Globalization;
using Ledger.Common;
using Ledger.Leaderboards;

namespace Ledger.Communities;

/// <summary>
/// The rules of time in a community's books: what day an award or participation may be dated (never in the future,
/// never in a closed month) and the month close (月结) errors. Pure; "today" is the decision time in the community's zone.
/// </summary>
public static class CommunityPeriods
{
    /// <summary>The first day of the month <paramref name="text"/> (<c>yyyy-MM</c>, years 2000 to 2999), or null.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        text is { Length: 7 } && text.StartsWith('2') &&
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first
            : null;

    /// <summary>
    /// Why an entry dated <paramref name="occurredOn"/> may not be recorded now, or null when it may: a day after today
    /// in the community's zone is invalid input (400); a day in a closed month is <c>period-closed</c> (409).
    /// </summary>
    /// <param name="occurredOn">The entry's business date.</param>
    /// <param name="field">The request field that carried it, for the 400's <c>errors</c> map.</param>
    /// <param name="community">The community, with its zone and closed months.</param>
    /// <param name="now">The decision time.</param>
    public static LedgerError? RefuseDate(DateOnly occurredOn, string field, CommunityState community, DateTimeOffset now)
    {
        var today = CommunityCalendar.DateOf(now, community.TimeZone);
        if (occurredOn > today)
        {
            return ValidationErrors.Failed(new Dictionary<string, string[]>
            {
                [field] = [$"'{occurredOn:yyyy-MM-dd}' is in the future; today is {today:yyyy-MM-dd} in {community.TimeZone}."],
            });
        }

        return community.IsClosed(occurredOn) ? Closed(LeaderboardPeriod.MonthKey(occurredOn), occurredOn) : null;
    }

    /// <summary>409: the month is closed (月结), so nothing may be dated in it.</summary>
    public static LedgerError Closed(string month, DateOnly occurredOn) =>
        new("period-closed", ErrorKind.Conflict, "Period closed",
            $"The books of {month} are closed; nothing can be dated {occurredOn:yyyy-MM-dd}.",
            new Dictionary<string, object?> { ["period"] = month, ["occurredOn"] = occurredOn });

    /// <summary>409: the month has not ended in the community's zone, so it cannot be closed yet.</summary>
    public static LedgerError NotEnded(string month) =>
        new("period-not-ended", ErrorKind.Conflict, "Period not ended",
            $"{month} has not ended yet; a month can be closed from the first day of the next.",
            new Dictionary<string, object?> { ["period"] = month });

    /// <summary>409: the month was closed before.</summary>
    public static LedgerError AlreadyClosed(ClosedPeriod closed) =>
        new("period-already-closed", ErrorKind.Conflict, "Period already closed",
            $"{closed.Month} was closed by {closed.ClosedBy} at {closed.ClosedAt:O}.",
            new Dictionary<string, object?> { ["period"] = closed.Month, ["closedBy"] = closed.ClosedBy, ["closedAt"] = closed.ClosedAt });
}
