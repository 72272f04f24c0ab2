using Ledger.Activities;
using Ledger.Activities.AddParticipants;
using Ledger.Activities.ScheduleActivity;
using Ledger.Common;
using Ledger.Communities.RegisterCommunity;
using Ledger.EventStore;
using Ledger.Households.AwardPoints;
using Ledger.Households.CorrectEntry;
using Ledger.Households.OpenHousehold;
using Ledger.Statistics;
using Ledger.Tests.Domain.Handlers;
using Ledger.Tests.Domain.Support;
using Ledger.Tests.EventStore;
using Ledger.Testing;
using static Ledger.Tests.Domain.Handlers.LedgerHarness;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Statistics;

public abstract class StatisticsHandlerTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static string Figures(CommunityStatsResponse s) =>
        $"act {s.Activities} part {s.Participations} hh {s.Households} issued {s.PointsIssued} deducted {s.PointsDeducted} " +
        $"corrected {s.PointsCorrected} redeemed {s.PointsRedeemed} refunded {s.PointsRefunded} outstanding {s.PointsOutstanding} receipts {s.Redemptions}";

    /// <summary>
    /// March 2025: A 2×10 (the first reversed), activity (5 each) for A's head and spouse and for B, C 3×10 less a 20
    /// deduction, A redeems 5. April: B earns 10, A gets 5 back. Also donghe (same district): one household earning 10.
    /// </summary>
    private async Task<LedgerHarness> SeedAsync()
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync("A", "B", "C");
        var first = Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "A", CleanUp), Committee()));
        Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "A", CleanUp), Committee()));
        Ok(await ledger.Send(new ScheduleActivityCommand(
            CommunityId, ActivityId, "乡村绿化", new Organizer(OrganizerKind.PartnerUnit, "龙湖区供电局"), new DateOnly(2025, 3, 15), 5), Committee()));
        Ok(await ledger.Send(new AddParticipantsCommand(CommunityId, ActivityId, [new("A"), new("A", Spouse), new("B")]), Committee()));
        for (var i = 0; i < 3; i++)
        {
            Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "C", CleanUp), Committee()));
        }

        Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "C", Litter), Committee()));
        Ok(await ledger.Send(new CorrectEntryCommand("A", first.EventId, "重复登记"), Committee()));
        await MoveAsync(ledger, "A", new TestPointsRedeemed(5, null, "粮油"));
        ledger.Clock.Advance(TimeSpan.FromDays(40));
        Ok(await ledger.Send(new AwardPointsCommand(CommunityId, "B", CleanUp), Committee()));
        await MoveAsync(ledger, "A", new TestPointsRefunded(5, null, "退货"));
        Ok(await ledger.Send(new RegisterCommunityCommand(OtherCommunityId, "东和社区", "龙湖区", "新津街道"), Admin));
        Ok(await ledger.Send(new Ledger.Communities.DefinePointsItem.DefinePointsItemCommand(OtherCommunityId, CleanUp, "人居环境整治", "人居环境", 10, null), Committee(OtherCommunityId)));
        Ok(await ledger.Send(new OpenHouseholdCommand(OtherCommunityId, "DH-0001", "王芳"), Committee(OtherCommunityId)));
        Ok(await ledger.Send(new AwardPointsCommand(OtherCommunityId, "DH-0001", CleanUp), Committee(OtherCommunityId)));
        Ok(await ledger.Send(new RegisterCommunityCommand("xinjin", "新津社区", "金平区", "新津街道"), Admin));
        await ledger.Projections.CatchUpAsync();
        return ledger;
    }

    private static async Task MoveAsync(LedgerHarness ledger, string passbook, object movement)
    {
        var stream = await ledger.Store.ReadStreamToListAsync(StreamIds.Household(passbook));
        await ledger.Store.AppendAsync(StreamIds.Household(passbook), ExpectedVersion.Exactly(stream.Count),
            [ledger.Registry.ToNewEvent(movement, new EventMetadata("key:clerk"))]);
    }

    [Fact]
    public async Task A_communitys_figures_follow_the_period_and_outstanding_is_every_balance_at_its_end()
    {
        var ledger = await SeedAsync();

        async Task<string> Stats(string period) => Figures(Ok(await ledger.Send(new GetCommunityStatsQuery(CommunityId, period), Committee())));

        Assert.Equal("act 1 part 3 hh 2 issued 65 deducted 20 corrected 10 redeemed 5 refunded 0 outstanding 30 receipts 1", await Stats("2025-03"));
        Assert.Equal(await Stats("2025-03"), await Stats("2025-Q1"));
        Assert.Equal("act 0 part 0 hh 0 issued 10 deducted 0 corrected 0 redeemed 0 refunded 5 outstanding 45 receipts 0", await Stats("2025-04"));
        Assert.Equal("act 1 part 3 hh 2 issued 75 deducted 20 corrected 10 redeemed 5 refunded 5 outstanding 45 receipts 1", await Stats("all"));
        Assert.Equal("act 0 part 0 hh 0 issued 0 deducted 0 corrected 0 redeemed 0 refunded 0 outstanding 0 receipts 0", await Stats("2025-02"));
        var march = Ok(await ledger.Send(new GetCommunityStatsQuery(CommunityId, "2025-03"), Auditor));
        Assert.Equal(("津海社区", "龙湖区", new DateTimeOffset(2025, 2, 28, 16, 0, 0, TimeSpan.Zero)), (march.Name, march.District, march.From));
    }

    [Fact]
    public async Task A_district_sums_its_communities_and_ranks_them_per_household_or_by_participations()
    {
        var ledger = await SeedAsync();

        var district = Ok(await ledger.Send(new GetDistrictStatsQuery("龙湖区"), Committee(OtherCommunityId)));
        var byPoints = Ok(await ledger.Send(new GetDistrictLeaderboardQuery("龙湖区"), Auditor));
        var byParticipations = Ok(await ledger.Send(new GetDistrictLeaderboardQuery("龙湖区", "2025-03", By: "participations", Top: 1), Auditor));

        Assert.Equal((2, 85L, 55L), (district.Communities, district.PointsIssued, district.PointsOutstanding));
        Assert.Equal([OtherCommunityId, CommunityId], district.PerCommunity.Select(c => c.CommunityId));
        Assert.Equal(["1 jinhai 3 45 15", "2 donghe 1 10 10"],
            byPoints.Entries.Select(e => $"{e.Rank} {e.CommunityId} {e.Households} {e.PointsEarned} {e.PointsPerHousehold}"));
        Assert.Equal(["1 jinhai 3"], byParticipations.Entries.Select(e => $"{e.Rank} {e.CommunityId} {e.Participations}"));
    }

    [Fact]
    public async Task District_figures_refuse_committees_of_other_districts_and_unknown_districts()
    {
        var ledger = await SeedAsync();

        Fails(await ledger.Send(new GetDistrictStatsQuery("龙湖区"), Committee("xinjin")), "forbidden");
        Fails(await ledger.Send(new GetDistrictLeaderboardQuery("龙湖区"), Committee("xinjin")), "forbidden");
        Fails(await ledger.Send(new GetDistrictStatsQuery("无此区"), Auditor), "district-not-found");
        Fails(await ledger.Send(new GetCommunityStatsQuery("nowhere"), Auditor), "community-not-found");
        Fails(await ledger.Send(new GetCommunityStatsQuery(CommunityId), Committee(OtherCommunityId)), "forbidden");
    }

    [Fact]
    public async Task The_statistics_rebuilt_from_zero_equal_the_live_ones()
    {
        var ledger = await SeedAsync();
        var live = Figures(Ok(await ledger.Send(new GetCommunityStatsQuery(CommunityId, "all"), Auditor)));

        Assert.True((await ledger.Projections.CompareAsync("statistics")).Equal);
        await ledger.Projections.RebuildAsync("statistics");

        Assert.Equal(live, Figures(Ok(await ledger.Send(new GetCommunityStatsQuery(CommunityId, "all"), Auditor))));
    }
}

public sealed class SqliteStatisticsHandlerTests(SqliteEventStoreFactory factory) : StatisticsHandlerTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresStatisticsHandlerTests(PostgresEventStoreFactory factory) : StatisticsHandlerTests<PostgresEventStoreFactory>(factory);
