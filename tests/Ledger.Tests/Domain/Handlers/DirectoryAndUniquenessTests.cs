using Ledger.Activities;
using Ledger.Activities.AddParticipants;
using Ledger.Activities.ScheduleActivity;
using Ledger.Communities.DefinePointsItem;
using Ledger.Communities.GetCommunity;
using Ledger.Communities.RegisterCommunity;
using Ledger.Households.OpenHousehold;
using Ledger.Projections;
using Ledger.Testing;
using static Ledger.Tests.Domain.Handlers.LedgerHarness;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain.Handlers;

public abstract class DirectoryAndUniquenessTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static readonly ScheduleActivityCommand Schedule = new(
        CommunityId, ActivityId, "乡村绿化", new Organizer(OrganizerKind.PartnerUnit, "龙湖区供电局"), new DateOnly(2025, 3, 15), 5);

    private static async Task<LedgerHarness> ArrangeAsync(TFactory factory)
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync(Passbook, "JH-0002");
        Ok(await ledger.Send(new DefinePointsItemCommand(CommunityId, CleanUp, "人居环境整治", "人居环境", 15, 45), Committee()));
        Ok(await ledger.Send(Schedule, Committee()));
        Ok(await ledger.Send(Schedule with { Id = "clean-0316" }, Committee()));
        Ok(await ledger.Send(new AddParticipantsCommand(CommunityId, ActivityId, [new(Passbook), new(Passbook, Child), new("JH-0002")]), Committee()));
        Ok(await ledger.Send(new RegisterCommunityCommand(OtherCommunityId, "东和社区", "龙湖区", "新津街道"), Admin));
        Ok(await ledger.Send(new OpenHouseholdCommand(OtherCommunityId, "DH-0001", "王芳"), Committee(OtherCommunityId)));
        return ledger;
    }

    [Fact]
    public async Task A_community_shows_its_counts_from_the_inline_directory()
    {
        var ledger = await ArrangeAsync(factory);

        var community = Ok(await ledger.Send(new GetCommunityQuery(CommunityId), Clerk()));
        var other = Ok(await ledger.Send(new GetCommunityQuery(OtherCommunityId), Auditor));

        Assert.Equal(("津海社区", "Asia/Shanghai"), (community.Name, community.TimeZone));
        Assert.Equal((2L, 2L, 2L, 3L), (community.Households, community.PointsItems, community.Activities, community.Participations));
        Assert.Equal((1L, 0L, 0L, 0L), (other.Households, other.PointsItems, other.Activities, other.Participations));
        Fails(await ledger.Send(new GetCommunityQuery(CommunityId), Clerk(OtherCommunityId)), "forbidden");
        Fails(await ledger.Send(new GetCommunityQuery("nowhere"), Admin), "community-not-found");
    }

    [Fact]
    public async Task The_directory_rebuilt_from_the_whole_ledger_equals_the_live_one()
    {
        var ledger = await ArrangeAsync(factory);
        var live = await CommunityDirectory.ReadAllAsync(ledger.Store, default);

        await ledger.Projections.RebuildAsync(new CommunityDirectoryProjection().Name);

        Assert.Equal(live.OrderBy(p => p.Key), (await CommunityDirectory.ReadAllAsync(ledger.Store, default)).OrderBy(p => p.Key));
        Assert.Equal(2, live.Count);
    }

    [Fact]
    public async Task Two_simultaneous_openings_of_one_passbook_open_it_once()
    {
        var ledger = await ArrangeAsync(factory);
        var gated = new GatedStore(ledger.Store, parties: 2);

        var results = await Task.WhenAll(
            Task.Run(() => ledger.Send(new OpenHouseholdCommand(CommunityId, "JH-0100", "甲"), new Ledger.Common.FixedCommandContext(Committee(), "a"), gated)),
            Task.Run(() => ledger.Send(new OpenHouseholdCommand(OtherCommunityId, "JH-0100", "乙"), new Ledger.Common.FixedCommandContext(Committee(OtherCommunityId), "b"), gated)));

        Assert.Single(results, r => r.IsSuccess);
        Assert.Single(results, r => r.Error?.Type == "household-exists");
        Assert.Single(await ledger.ReadAllAsync(), e => e.StreamId == "household-JH-0100");
    }

    [Fact]
    public async Task Community_and_activity_ids_are_unique()
    {
        var ledger = await ArrangeAsync(factory);
        Fails(await ledger.Send(new RegisterCommunityCommand(CommunityId, "又一个", "龙湖区", "龙腾街道"), Admin), "community-exists");
        Fails(await ledger.Send(Schedule, Committee()), "activity-exists");
        Fails(await ledger.Send(new RegisterCommunityCommand("new-one", "新社区", "龙湖区", "龙腾街道"), Committee()), "forbidden");
        Ok(await ledger.Send(Schedule with { CommunityId = OtherCommunityId }, Committee(OtherCommunityId)));
    }
}

public sealed class SqliteDirectoryAndUniquenessTests(SqliteEventStoreFactory factory) : DirectoryAndUniquenessTests<SqliteEventStoreFactory>(factory);
