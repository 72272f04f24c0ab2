namespace Ledger.Leaderboards;

/// <summary>A community's leaderboard for a period.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Period">The period asked for, canonical (<c>2025-03</c>, <c>2025-Q1</c>, <c>2025</c>, <c>all</c>).</param>
/// <param name="Start">First instant of the period (UTC) in the community's zone; null for <c>all</c>.</param>
/// <param name="End">First instant after the period; null for <c>all</c>.</param>
/// <param name="AsOf">The time asked for, when the board is shown as it stood then.</param>
/// <param name="Entries">Households ranked by net points earned; ties share a rank and are listed by passbook.</param>
public sealed record LeaderboardResponse(
    string CommunityId, string Period, DateTimeOffset? Start, DateTimeOffset? End, DateTimeOffset? AsOf,
    IReadOnlyList<LeaderboardStanding> Entries);

/// <summary>
/// One household on a community's leaderboard: its ranked entry and its star level. Kept apart from
/// <see cref="LeaderboardEntry"/>, which published honour rolls record as released event data and so never changes.
/// </summary>
/// <param name="Rank">1 for the most points; equal points share a rank and the next rank skips (1, 2, 2, 4).</param>
/// <param name="Passbook">The household.</param>
/// <param name="HeadName">Head of household.</param>
/// <param name="Points">Net points earned in the period.</param>
/// <param name="Members">Members who contributed, most points first.</param>
/// <param name="StarLevel">The household's star level (星级户) as the board stands (now, or at <c>asOf</c>), whatever the period: 0 for none.</param>
public sealed record LeaderboardStanding(
    int Rank, string Passbook, string HeadName, long Points, IReadOnlyList<MemberPoints> Members, int StarLevel)
{
    /// <summary>The entry with its star level.</summary>
    public static LeaderboardStanding From(LeaderboardEntry entry, int starLevel) =>
        new(entry.Rank, entry.Passbook, entry.HeadName, entry.Points, entry.Members, starLevel);
}

/// <summary>One household on a leaderboard.</summary>
/// <param name="Rank">1 for the most points; equal points share a rank and the next rank skips (1, 2, 2, 4).</param>
/// <param name="Passbook">The household.</param>
/// <param name="HeadName">Head of household.</param>
/// <param name="Points">Net points earned in the period.</param>
/// <param name="Members">Members who contributed, most points first.</param>
public sealed record LeaderboardEntry(int Rank, string Passbook, string HeadName, long Points, IReadOnlyList<MemberPoints> Members);

/// <summary>What one member contributed.</summary>
/// <param name="Member">The member.</param>
/// <param name="Points">Net points earned in the period.</param>
public sealed record MemberPoints(string Member, long Points);
