namespace Ledger.Leaderboards;

/// <summary>Ranks households: the one pure place where the order and the ties of a leaderboard are decided.</summary>
public static class LeaderboardRanking
{
    /// <summary>
    /// Standard competition ranking ("1224"): equal points share a rank, listed by passbook (ordinal), and the next
    /// rank counts the households above it. <paramref name="top"/> keeps every household whose rank is at most
    /// <paramref name="top"/>, so a tie at the boundary is never cut in half. Households without a non-zero member
    /// total in the period are not listed.
    /// </summary>
    /// <param name="points">Member points of the period: (passbook, member, points), any order, repeats summed.</param>
    /// <param name="headOf">The head of each household.</param>
    /// <param name="top">How many ranks to keep; null for all.</param>
    public static IReadOnlyList<LeaderboardEntry> Rank(
        IEnumerable<(string Passbook, string Member, long Points)> points, Func<string, string> headOf, int? top)
    {
        var households = points
            .GroupBy(p => p.Passbook, StringComparer.Ordinal)
            .Select(h => (
                Passbook: h.Key,
                Members: h.GroupBy(p => p.Member, StringComparer.Ordinal)
                    .Select(m => new MemberPoints(m.Key, m.Sum(p => p.Points)))
                    .Where(m => m.Points != 0)
                    .OrderByDescending(m => m.Points).ThenBy(m => m.Member, StringComparer.Ordinal)
                    .ToList()))
            .Where(h => h.Members.Count > 0)
            .Select(h => (h.Passbook, h.Members, Total: h.Members.Sum(m => m.Points)))
            .OrderByDescending(h => h.Total).ThenBy(h => h.Passbook, StringComparer.Ordinal)
            .ToList();

        var entries = new List<LeaderboardEntry>(households.Count);
        for (var i = 0; i < households.Count; i++)
        {
            var rank = i > 0 && households[i].Total == households[i - 1].Total ? entries[i - 1].Rank : i + 1;
            if (top is { } limit && rank > limit)
            {
                break;
            }

            var h = households[i];
            entries.Add(new LeaderboardEntry(rank, h.Passbook, headOf(h.Passbook), h.Total, h.Members));
        }

        return entries;
    }
}
