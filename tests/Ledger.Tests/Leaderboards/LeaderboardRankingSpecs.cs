using Ledger.Leaderboards;

namespace Ledger.Tests.Leaderboards;

public sealed class LeaderboardRankingSpecs
{
    private static IReadOnlyList<LeaderboardEntry> Rank(int? top, params (string Passbook, string Member, long Points)[] points) =>
        LeaderboardRanking.Rank(points, p => $"head of {p}", top);

    [Fact]
    public void Ties_share_a_rank_listed_by_passbook_and_the_next_rank_skips()
    {
        var board = Rank(null, ("D", "d", 10), ("C", "c", 20), ("A", "a", 30), ("B", "b", 20));

        Assert.Equal(["A:1", "B:2", "C:2", "D:4"], board.Select(e => $"{e.Passbook}:{e.Rank}"));
    }

    [Fact]
    public void Top_keeps_every_household_tied_at_the_boundary()
    {
        var board = Rank(2, ("A", "a", 30), ("B", "b", 20), ("C", "c", 20), ("D", "d", 10));

        Assert.Equal(["A", "B", "C"], board.Select(e => e.Passbook));
        Assert.Equal(["A"], Rank(1, ("A", "a", 30), ("B", "b", 20)).Select(e => e.Passbook));
    }

    [Fact]
    public void Members_are_summed_and_listed_most_points_first_without_members_who_netted_nothing()
    {
        var board = Rank(null, ("A", "陈伟", 10), ("A", "林秀英", 10), ("A", "林秀英", 15), ("A", "陈小明", 10), ("A", "陈小明", -10));

        var entry = Assert.Single(board);
        Assert.Equal((35L, "head of A"), (entry.Points, entry.HeadName));
        Assert.Equal([new MemberPoints("林秀英", 25), new MemberPoints("陈伟", 10)], entry.Members);
    }
}
