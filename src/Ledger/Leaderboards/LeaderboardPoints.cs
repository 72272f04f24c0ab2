using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.Households;

namespace Ledger.Leaderboards;

/// <summary>One member's points of one household in one month bucket (or a change to them).</summary>
/// <param name="CommunityId">The household's community.</param>
/// <param name="Passbook">The household.</param>
/// <param name="Month">First day of the community-zone calendar month of the entry's business date (<see cref="BusinessDate"/>).</param>
/// <param name="Member">The member the entry concerns.</param>
/// <param name="Points">Net points earned.</param>
public sealed record MonthlyPoints(string CommunityId, string Passbook, DateOnly Month, string Member, long Points);

/// <summary>
/// What counts towards a leaderboard: net points EARNED = awards + activity points − applied deductions ± corrections.
/// Redemptions and refunds move the balance but never the rank, so they are not here. An award or participation counts
/// in the month it occurred on; a deduction and a correction in the month they were recorded: a published roll stays
/// what its position says, and the next period shows a correction.
/// </summary>
public static class LeaderboardPoints
{
    private const string HouseholdPrefix = "household-";

    /// <summary>The earned-points change <paramref name="data"/> makes, or null for an event that changes none.</summary>
    public static (string CommunityId, string Member, long Points)? EarnedChange(object? data) => data switch
    {
        PointsAwarded a => (a.CommunityId, a.Member, a.Points),
        ActivityPointsAwarded a => (a.CommunityId, a.Member, a.Points),
        PointsDeducted d => (d.CommunityId, d.Member, -d.Applied),
        EntryCorrected c => (c.CommunityId, c.Member, c.Points),
        _ => null,
    };

    /// <summary>True for the event types <see cref="EarnedChange"/> reads, so others need not be deserialised.</summary>
    public static bool Matters(string type) =>
        EventNames.Is<PointsAwarded>(type) || EventNames.Is<ActivityPointsAwarded>(type) ||
        type == EventNames.Of<PointsDeducted>() || type == EventNames.Of<EntryCorrected>() ||
        type == EventNames.Of<HouseholdOpened>() || type == EventNames.Of<CommunityRegistered>() ||
        type == EventNames.Of<StarLevelReached>();

    /// <summary>The passbook of a <c>household-{passbook}</c> stream, or null for another stream.</summary>
    public static string? PassbookOf(string streamId) =>
        streamId.StartsWith(HouseholdPrefix, StringComparison.Ordinal) ? streamId[HouseholdPrefix.Length..] : null;

    /// <summary>
    /// The star level a <see cref="StarLevelReached"/> on a household stream records, or null for any other event. A
    /// household's levels only ever rise on its stream, so its latest one is its level.
    /// </summary>
    public static (string CommunityId, string Passbook, int Stars)? StarLevel(RecordedEvent e, object? data) =>
        data is StarLevelReached reached && PassbookOf(e.StreamId) is { } passbook ? (reached.CommunityId, passbook, reached.Stars) : null;

    /// <summary>The bucket of an earned-points event, given its community's zone.</summary>
    public static MonthlyPoints? Bucket(RecordedEvent e, object? data, Func<string, string> zoneOf)
    {
        if (EarnedChange(data) is not { } change || PassbookOf(e.StreamId) is not { } passbook)
        {
            return null;
        }

        var month = BusinessDate.MonthOf(data, e.RecordedAt, zoneOf(change.CommunityId));
        return new MonthlyPoints(change.CommunityId, passbook, month, change.Member, change.Points);
    }
}
