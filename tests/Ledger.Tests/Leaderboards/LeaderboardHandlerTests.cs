using Microsoft.Extensions.Time.Testing;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Households.AwardPoints;
using Ledger.Households.CorrectEntry;
using Ledger.Leaderboards;
using Ledger.Leaderboards.GetLeaderboard;
using Ledger.Tests.Domain.Handlers;
using Ledger.Tests.Domain.Support;
using Ledger.Testing;
using static Ledger.Tests.Domain.Handlers.LedgerHarness;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Leaderboards;

public abstract class LeaderboardHandlerTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static AwardPointsCommand CleanUpFor(string passbook, string member = Head) => new(CommunityId, passbook, CleanUp, member);

    private static string Board(LeaderboardResponse board) => string.Join(" ", board.Entries.Select(e => $"{e.Passbook}:{e.Rank}:{e.Points}"));

    /// <summary>A 30, B 20, C 20, D 10 in March 2025.</summary>
    private async Task<(LedgerHarness Ledger, Guid FirstAwardOfA)> SeedMarchAsync()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync("A", "B", "C", "D");
        var first = Ok(await ledger.Send(CleanUpFor("A"), Committee()));
        Ok(await ledger.Send(CleanUpFor("A", Spouse), Committee()));
        Ok(await ledger.Send(CleanUpFor("A", Spouse), Committee()));
        foreach (var passbook in new[] { "B", "B", "C", "C", "D" })
        {
            Ok(await ledger.Send(CleanUpFor(passbook), Committee()));
        }

        return (ledger, first.EventId);
    }

    [Fact]
    public async Task Households_are_ranked_by_points_earned_with_shared_ranks_and_contributing_members()
    {
        var (ledger, _) = await SeedMarchAsync();

        var board = Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, "2025-03"), Clerk()));

        Assert.Equal("A:1:30 B:2:20 C:2:20 D:4:10", Board(board));
        Assert.Equal([new MemberPoints(Spouse, 20), new MemberPoints(Head, 10)], board.Entries[0].Members);
        Assert.Equal(Head, board.Entries[0].HeadName);
        Assert.Equal(new DateTimeOffset(2025, 2, 28, 16, 0, 0, TimeSpan.Zero), board.Start);
        Assert.Equal("A:1:30 B:2:20 C:2:20", Board(Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, "2025-Q1", Top: 2), Auditor))));
    }

    [Fact]
    public async Task Redeeming_never_lowers_a_rank_but_a_correction_does()
    {
        var (ledger, firstOfA) = await SeedMarchAsync();
        var stream = await ledger.Store.ReadStreamToListAsync(StreamIds.Household("A"));
        await ledger.Store.AppendAsync(StreamIds.Household("A"), ExpectedVersion.Exactly(stream.Count),
            [ledger.Registry.ToNewEvent(new TestPointsRedeemed(25, null, "粮油"), new EventMetadata("key:clerk"))]);

        Assert.Equal("A:1:30 B:2:20 C:2:20 D:4:10", Board(Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, "all"), Committee()))));

        Ok(await ledger.Send(new CorrectEntryCommand("A", firstOfA, "重复登记"), Committee()));

        Assert.Equal("A:1:20 B:1:20 C:1:20 D:4:10", Board(Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, "all"), Committee()))));
    }

    [Fact]
    public async Task Deductions_lower_the_points_earned()
    {
        var (ledger, _) = await SeedMarchAsync();

        Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "A", Litter), Committee()));

        Assert.Equal("B:1:20 C:1:20 A:3:10 D:3:10", Board(Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, "2025"), Committee()))));
    }

    [Fact]
    public async Task An_entry_just_after_local_midnight_counts_in_the_next_month_of_the_community_zone()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync("A");
        ledger.Clock.SetUtcNow(new DateTimeOffset(2025, 3, 31, 15, 30, 0, TimeSpan.Zero)); // 23:30 on 31 March in Shanghai
        Ok(await ledger.Send(CleanUpFor("A", Spouse), Committee()));
        // 2025-03-31 16:30 UTC is 00:30 on 1 April in Shanghai: an April entry, though it is still March in UTC.
        ledger.Clock.Advance(TimeSpan.FromHours(1));
        Ok(await ledger.Send(CleanUpFor("A"), Committee()));

        var march = Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, "2025-03"), Committee()));
        var april = Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, "2025-04"), Committee()));

        Assert.Equal([new MemberPoints(Spouse, 10)], Assert.Single(march.Entries).Members);
        Assert.Equal([new MemberPoints(Head, 10)], Assert.Single(april.Entries).Members);
        Assert.Equal("A:1:10", Board(Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, "2025-Q2"), Committee()))));
        Assert.Equal("A:1:20", Board(Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, "2025"), Committee()))));
    }

    [Fact]
    public async Task A_board_as_of_a_time_counts_only_what_was_recorded_by_then()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync("A", "B");
        Ok(await ledger.Send(CleanUpFor("A"), Committee()));
        var between = ledger.Clock.GetUtcNow().AddMinutes(1);
        ledger.Clock.Advance(TimeSpan.FromMinutes(2));
        Ok(await ledger.Send(CleanUpFor("B"), Committee()));
        Ok(await ledger.Send(CleanUpFor("B"), Committee()));

        var then = Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, "2025-03", AsOf: between), Auditor));

        Assert.Equal("A:1:10", Board(then));
        Assert.Equal(between, then.AsOf);
        Assert.Equal("B:1:20 A:2:10", Board(Ok(await ledger.Send(new GetLeaderboardQuery(CommunityId, "2025-03"), Auditor))));
    }

    [Fact]
    public async Task The_projection_equals_the_board_folded_from_the_events_for_every_period()
    {
        var (ledger, firstOfA) = await SeedMarchAsync();
        Ok(await ledger.Send(new CorrectEntryCommand("A", firstOfA, "重复登记"), Committee()));
        ledger.Clock.Advance(TimeSpan.FromDays(40));
        Ok(await ledger.Send(CleanUpFor("D"), Committee()));
        var community = (await LeaderboardReadModel.FindCommunityAsync(ledger.Store, CommunityId, default))!;

        foreach (var text in new[] { "all", "2025", "2025-Q1", "2025-Q2", "2025-03", "2025-04", "2024" })
        {
            var period = LeaderboardPeriod.Parse(text)!;
            var live = (await LeaderboardReadModel.ReadAsync(ledger.Store, CommunityId, period, default)).Rank(null);
            var folded = (await LeaderboardReadModel.FoldAsync(ledger.Store, ledger.Store, ledger.Registry, community, period, _ => true, default)).Rank(null);
            Assert.Equal(Describe(folded), Describe(live));
        }
    }

    [Fact]
    public async Task Rebuilding_the_projection_from_zero_gives_the_same_rows_as_the_live_one()
    {
        var (ledger, firstOfA) = await SeedMarchAsync();
        Ok(await ledger.Send(new CorrectEntryCommand("A", firstOfA, "重复登记"), Committee()));
        ledger.Clock.Advance(TimeSpan.FromDays(40));
        Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "B", Litter), Committee()));
        var live = await DumpAsync(ledger.Store);

        await ledger.Projections.RebuildAsync(new LeaderboardProjection().Name);

        Assert.NotEmpty(live);
        Assert.True((await ledger.Projections.CompareAsync(new LeaderboardProjection().Name)).Equal);
        Assert.Equal(live, await DumpAsync(ledger.Store));
    }

    private static async Task<List<string>> DumpAsync(ILedgerStore store)
    {
        var rows = new List<string>();
        await using var transaction = await store.BeginReadModelTransactionAsync();
        foreach (var table in new[] { LeaderboardProjection.PointsTable, LeaderboardProjection.HouseholdsTable, LeaderboardProjection.CommunitiesTable })
        {
            await using var command = transaction.CreateCommand($"SELECT * FROM {table}");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(table + ":" + string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i)))));
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    [Fact]
    public async Task Keys_of_another_community_are_refused_and_an_unknown_community_is_not_found()
    {
        var (ledger, _) = await SeedMarchAsync();

        Fails(await ledger.Send(new GetLeaderboardQuery(CommunityId), Clerk(OtherCommunityId)), "forbidden");
        Fails(await ledger.Send(new GetLeaderboardQuery("nowhere"), Auditor), "community-not-found");
    }

    private static string Describe(IEnumerable<LeaderboardEntry> entries) =>
        string.Join(" | ", entries.Select(e => $"{e.Rank} {e.Passbook} {e.HeadName} {e.Points} " +
            string.Join(",", e.Members.Select(m => $"{m.Member}={m.Points}"))));
}

public sealed class SqliteLeaderboardHandlerTests(SqliteEventStoreFactory factory) : LeaderboardHandlerTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresLeaderboardHandlerTests(PostgresEventStoreFactory factory) : LeaderboardHandlerTests<PostgresEventStoreFactory>(factory);
