using Ledger.Common;
using Ledger.EventStore;
using Ledger.HonorRolls;
using Ledger.HonorRolls.GetHonorRoll;
using Ledger.HonorRolls.PublishHonorRoll;
using Ledger.HonorRolls.VerifyHonorRoll;
using Ledger.Households.AwardPoints;
using Ledger.Households.CorrectEntry;
using Ledger.Leaderboards;
using Ledger.Tests.Domain.Handlers;
using Ledger.Testing;
using static Ledger.Tests.Domain.Handlers.LedgerHarness;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Leaderboards;

public abstract class HonorRollHandlerTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, LedgerJson.Options);

    private static string Roll(IEnumerable<LeaderboardEntry> entries) => string.Join(" ", entries.Select(e => $"{e.Passbook}:{e.Rank}:{e.Points}"));

    private async Task<(LedgerHarness Ledger, Guid AwardOfB)> SeedAsync()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync("A", "B", "C");
        foreach (var passbook in new[] { "A", "A", "A", "C" })
        {
            Ok(await ledger.Send(new AwardPointsCommand(CommunityId, passbook, CleanUp), Committee()));
        }

        var b = Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "B", CleanUp, Spouse), Committee()));
        return (ledger, b.EventId);
    }

    [Fact]
    public async Task Publishing_records_the_ranking_with_the_ledger_head_it_was_computed_at_once()
    {
        var (ledger, _) = await SeedAsync();
        var head = await ledger.Store.ReadHeadAsync();

        var roll = Ok(await ledger.Send(new PublishHonorRollCommand(CommunityId, "2025-03", 2), Committee()));

        Assert.Equal("A:1:30 B:2:10 C:2:10", Roll(roll.Entries));
        Assert.Equal((head.Position, head.Hash, "津海社区"), (roll.LedgerPosition, roll.HeadHash, roll.CommunityName));
        var stored = Assert.Single(await ledger.Store.ReadStreamToListAsync(HonorRollStreams.Of(CommunityId, "2025-03")));
        Assert.Equal("HonorRollPublished.v1", stored.Type);
        Fails(await ledger.Send(new PublishHonorRollCommand(CommunityId, "2025-03", 5), Committee()), "honor-roll-already-published");
        var read = Ok(await ledger.Send(new GetHonorRollQuery(CommunityId, "2025-03"), Clerk()));
        Assert.Equal(Json(roll), Json(read));
    }

    [Fact]
    public async Task Only_the_committee_of_the_community_publishes_and_an_unpublished_period_is_not_found()
    {
        var (ledger, _) = await SeedAsync();

        Fails(await ledger.Send(new PublishHonorRollCommand(CommunityId, "2025-03", 3), Clerk()), "forbidden");
        Fails(await ledger.Send(new PublishHonorRollCommand(CommunityId, "2025-03", 3), Committee(OtherCommunityId)), "forbidden");
        Fails(await ledger.Send(new GetHonorRollQuery(CommunityId, "2025-04"), Auditor), "honor-roll-not-found");
        Fails(await ledger.Send(new VerifyHonorRollQuery(CommunityId, "2025-04"), Auditor), "honor-roll-not-found");
    }

    [Fact]
    public async Task A_roll_still_verifies_after_later_corrections_because_it_is_recomputed_at_its_position()
    {
        var (ledger, awardOfB) = await SeedAsync();
        Ok(await ledger.Send(new PublishHonorRollCommand(CommunityId, "2025-03", 3), Committee()));
        Ok(await ledger.Send(new CorrectEntryCommand("B", awardOfB, "重复登记"), Committee()));
        Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "C", CleanUp), Committee()));

        var verification = Ok(await ledger.Send(new VerifyHonorRollQuery(CommunityId, "2025-03"), Auditor));

        Assert.True(verification.Ok, string.Join("; ", verification.Differences));
        Assert.Empty(verification.Differences);
    }

    [Fact]
    public async Task A_roll_that_does_not_follow_from_the_events_at_its_position_is_reported()
    {
        var (ledger, _) = await SeedAsync();
        var head = await ledger.Store.ReadHeadAsync();
        // A roll written behind the ledger's back: B's points inflated, C left out, and a head hash that is not the ledger's.
        var forged = new HonorRollPublished(CommunityId, "津海社区", "2025-03", 3,
            [new LeaderboardEntry(1, "A", Head, 30, [new MemberPoints(Head, 30)]), new LeaderboardEntry(1, "B", Head, 30, [new MemberPoints(Spouse, 30)])],
            head.Position, new string('a', 64));
        await ledger.Store.AppendAsync(HonorRollStreams.Of(CommunityId, "2025-03"), ExpectedVersion.NoStream,
            [ledger.Registry.ToNewEvent(forged, new EventMetadata("key:forger"))]);

        var verification = Ok(await ledger.Send(new VerifyHonorRollQuery(CommunityId, "2025-03"), Auditor));

        Assert.False(verification.Ok);
        Assert.Equal(["entry:B", "head-hash:", "missing:C"],
            verification.Differences.Select(d => $"{d.Kind}:{d.Passbook}").Order(StringComparer.Ordinal));
        Assert.Equal(head.Hash, verification.Differences.Single(d => d.Kind == "head-hash").Recomputed);
    }
}

public sealed class SqliteHonorRollHandlerTests(SqliteEventStoreFactory factory) : HonorRollHandlerTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresHonorRollHandlerTests(PostgresEventStoreFactory factory) : HonorRollHandlerTests<PostgresEventStoreFactory>(factory);
