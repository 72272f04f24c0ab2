namespace Ledger.Common;

/// <summary>An entry that carries the day it happened (<c>occurredOn</c>), which may be earlier than its recording.</summary>
public interface IDatedEntry
{
    /// <summary>
    /// The business date in the community's zone. Null only on an event of the earlier shape read through an upcast
    /// (<c>PointsAwarded.v1</c>, <c>ActivityPointsAwarded.v1</c>): its date is its recording day there.
    /// </summary>
    DateOnly? OccurredOn { get; }
}

/// <summary>
/// The day an event counts on in periods (leaderboards, honour rolls, statistics, monthly caps, closed months): an
/// award's or participation's <c>occurredOn</c>; for everything else (redemptions, refunds, deductions, corrections)
/// and for events recorded before business dates existed, the day it was recorded in the community's zone.
/// <c>asOf</c> and <c>atPosition</c> never use it: they cut by recording.
/// </summary>
public static class BusinessDate
{
    /// <summary>The business date of an event with data <paramref name="data"/>, recorded at <paramref name="recordedAt"/>.</summary>
    public static DateOnly Of(object? data, DateTimeOffset recordedAt, string timeZoneId) =>
        (data as IDatedEntry)?.OccurredOn ?? CommunityCalendar.DateOf(recordedAt, timeZoneId);

    /// <summary>The first day of the business date's month: the key of a month bucket or a closed month.</summary>
    public static DateOnly MonthOf(object? data, DateTimeOffset recordedAt, string timeZoneId) => FirstOfMonth(Of(data, recordedAt, timeZoneId));

    /// <summary>The first day of <paramref name="date"/>'s month.</summary>
    public static DateOnly FirstOfMonth(DateOnly date) => new(date.Year, date.Month, 1);
}
