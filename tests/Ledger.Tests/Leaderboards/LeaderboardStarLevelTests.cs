using Ledger.Communities.DefinePointsItem;
using Ledger.Communities.SetStarLevels;
using Ledger.Households.AwardPoints;
using Ledger.Households.CorrectEntry;
using Ledger.Leaderboards;
using Ledger.Leaderboards.GetLeaderboard;
using Ledger.Tests.Domain.Handlers;
using Ledger.Testing;
using static Ledger.Tests.Domain.Handlers.LedgerHarness;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Leaderboards;

/// <summary>The star level (星级户) on the community leaderboard: live from the projection, as of a time, and rebuilt.</summary>
public abstract class LeaderboardStarLevelTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static string Board(LeaderboardResponse board) =>
        string.Join(" ", board.Entries.Select(e => $"{e.Passbook}:{e.Rank}:{e.Points}:{e.StarLevel}"));

    /// <summary>Levels at 20 and 40; A earns 50 (two stars), B 20 (one star, then corrected below it), C 10 (none).</summary>
    private static async Task<(LedgerHarness Ledger, DateTimeOffset BeforeStars)> SeedAsync(LedgerHarness ledger)
    {
        await ledger.SeedAsync("A", "B", "C");
        Ok(await ledger.Send(new DefinePointsItemCommand(CommunityId, "care", "关爱老人", "志愿服务", 10), Committee()));
        Ok(await ledger.Send(new SetStarLevelsCommand(CommunityId, [new StarLevelInput(1, 20), new StarLevelInput(2, 40)]), Committee()));
        foreach (var passbook in new[] { "A", "B", "C" })
        {
            Ok(await ledger.Send(new AwardPointsCommand(CommunityId, passbook, "care"), Committee()));
        }

        var beforeStars = ledger.Clock.GetUtcNow();
        ledger.Clock.Advance(TimeSpan.FromMinutes(1));
        foreach (var passbook in new[] { "A", "A", "A", "A", "B" })
        {
            Ok(await ledger.Send(new AwardPointsCommand(CommunityId, passbook, "care"), Committee()));
        }

        var crossingOfB = (await ledger.ReadAllAsync()).Last(e => e.StreamId == "household-B" && e.Type == "PointsAwarded.v3");
        Ok(await ledger.Send(new CorrectEntryCommand("B", crossingOfB.EventId, "重复登记"), Committee()));
        return (ledger, beforeStars);
    }

    [Fact]
    public async Task Each_entry_shows_the_households_star_level_which_a_correction_never_lowers()
    {
        var (ledger, _) = await SeedAsync(await CreateAsync(factory));

        var board = Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId), Clerk()));

        Assert.Equal("A:1:50:2 B:2:10:1 C:2:10:0", Board(board));
    }

    [Fact]
    public async Task A_board_as_of_a_time_shows_the_levels_held_then()
    {
        var (ledger, beforeStars) = await SeedAsync(await CreateAsync(factory));

        var board = Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, AsOf: beforeStars), Auditor));

        Assert.Equal("A:1:10:0 B:1:10:0 C:1:10:0", Board(board));
    }

    [Fact]
    public async Task The_live_levels_equal_the_folded_ones_and_a_rebuild_from_zero()
    {
        var (ledger, _) = await SeedAsync(await CreateAsync(factory));
        var community = (await LeaderboardReadModel.FindCommunityAsync(ledger.Store, CommunityId, default))!;

        var live = await LeaderboardReadModel.ReadAsync(ledger.Store, CommunityId, LeaderboardPeriod.All, default);
        var folded = await LeaderboardReadModel.FoldAsync(ledger.Store, ledger.Store, ledger.Registry, community, LeaderboardPeriod.All, _ => true, default);
        await ledger.Projections.RebuildAsync(new LeaderboardProjection().Name);
        var rebuilt = await LeaderboardReadModel.ReadAsync(ledger.Store, CommunityId, LeaderboardPeriod.All, default);

        Assert.Equal(new Dictionary<string, int> { ["A"] = 2, ["B"] = 1 }, live.StarLevels);
        Assert.Equal(live.StarLevels, folded.StarLevels);
        Assert.Equal(live.StarLevels, rebuilt.StarLevels);
        Assert.True((await ledger.Projections.CompareAsync(new LeaderboardProjection().Name)).Equal);
    }
}

public sealed class SqliteLeaderboardStarLevelTests(SqliteEventStoreFactory factory) : LeaderboardStarLevelTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresLeaderboardStarLevelTests(PostgresEventStoreFactory factory) : LeaderboardStarLevelTests<PostgresEventStoreFactory>(factory);
