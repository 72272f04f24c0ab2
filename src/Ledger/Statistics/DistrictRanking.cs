namespace Ledger.Statistics;

/// <summary>Ranks a district's communities: the one place where the order and the ties of the district board are decided.</summary>
public static class DistrictRanking
{
    /// <summary>Ranked by points earned per household.</summary>
    public const string ByPoints = "points";

    /// <summary>Ranked by participations (人次).</summary>
    public const string ByParticipations = "participations";

    /// <summary>True for a known <c>by</c>.</summary>
    public static bool IsKnown(string? by) => by is ByPoints or ByParticipations;

    /// <summary>
    /// Competition ranking ("1224"), highest first; equal values share a rank, listed by community id (ordinal).
    /// Points per household are compared exactly (as fractions), not as rounded decimals, so two communities tie only
    /// when their ratios are equal. <paramref name="top"/> keeps every community whose rank is at most it.
    /// </summary>
    public static IReadOnlyList<DistrictLeaderboardEntry> Rank(IReadOnlyList<CommunityFigures> figures, string by, int? top)
    {
        Comparison<CommunityFigures> compare = by == ByParticipations
            ? (a, b) => b.InPeriod.Participations.CompareTo(a.InPeriod.Participations)
            : (a, b) => PerHousehold(b).CompareTo(PerHousehold(a));
        var ordered = figures.ToList();
        ordered.Sort((a, b) => compare(a, b) is var c && c != 0 ? c : string.CompareOrdinal(a.Community.CommunityId, b.Community.CommunityId));

        var entries = new List<DistrictLeaderboardEntry>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && compare(ordered[i], ordered[i - 1]) == 0 ? entries[i - 1].Rank : i + 1;
            if (top is { } limit && rank > limit)
            {
                break;
            }

            var f = ordered[i];
            entries.Add(new DistrictLeaderboardEntry(
                rank, f.Community.CommunityId, f.Community.Name, f.HouseholdsAtEnd, f.InPeriod.Earned,
                Math.Round(PerHousehold(f), 2, MidpointRounding.AwayFromZero), f.InPeriod.Participations));
        }

        return entries;
    }

    // decimal divides points (well under 2^63) by households exactly enough that equal fractions compare equal.
    private static decimal PerHousehold(CommunityFigures f) => f.HouseholdsAtEnd == 0 ? 0m : (decimal)f.InPeriod.Earned / f.HouseholdsAtEnd;
}
