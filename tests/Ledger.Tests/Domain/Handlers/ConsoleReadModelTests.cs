using Ledger.Activities;
using Ledger.Activities.AddParticipants;
using Ledger.Activities.ScheduleActivity;
using Ledger.Communities.RegisterCommunity;
using Ledger.Households.OpenHousehold;
using Ledger.Projections;
using Ledger.Testing;
using static Ledger.Tests.Domain.Handlers.LedgerHarness;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain.Handlers;

/// <summary>The console's read models (household search, activity list): kept inline, and rebuilt from zero equal to live.</summary>
public abstract class ConsoleReadModelTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static async Task<LedgerHarness> ArrangeAsync(TFactory factory)
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync(Passbook, "JH-0002", "jh-0003");
        var schedule = new ScheduleActivityCommand(
            CommunityId, ActivityId, "乡村绿化", new Organizer(OrganizerKind.PartnerUnit, "龙湖区供电局"), new DateOnly(2025, 3, 15), 5);
        Ok(await ledger.Send(schedule, Committee()));
        Ok(await ledger.Send(schedule with { Id = "sweep-0401", Date = new DateOnly(2025, 4, 1) }, Committee()));
        Ok(await ledger.Send(new AddParticipantsCommand(CommunityId, ActivityId, [new(Passbook), new(Passbook, Child), new("JH-0002")]), Committee()));
        Ok(await ledger.Send(new RegisterCommunityCommand(OtherCommunityId, "东和社区", "龙湖区", "新津街道"), Admin));
        Ok(await ledger.Send(new OpenHouseholdCommand(OtherCommunityId, "DH-0001", "陈小红"), Committee(OtherCommunityId)));
        return ledger;
    }

    [Fact]
    public async Task A_search_finds_households_of_its_community_by_member_name_or_passbook_in_any_case()
    {
        var ledger = await ArrangeAsync(factory);

        var byMember = await HouseholdSearch.FindAsync(ledger.Store, CommunityId, "小明", 10, default);
        var byPassbook = await HouseholdSearch.FindAsync(ledger.Store, CommunityId, "JH-0003", 10, default);
        var wildcard = await HouseholdSearch.FindAsync(ledger.Store, CommunityId, "JH_000%", 10, default);
        var other = await HouseholdSearch.FindAsync(ledger.Store, OtherCommunityId, "", 10, default);

        Assert.Equal([Passbook, "JH-0002", "jh-0003"], byMember.Select(h => h.Passbook));
        Assert.Equal([Head, Spouse, Child], byMember[0].Members);
        Assert.Equal(["jh-0003"], byPassbook.Select(h => h.Passbook));
        Assert.Empty(wildcard);
        Assert.Equal(["DH-0001"], other.Select(h => h.Passbook));
    }

    [Fact]
    public async Task The_activity_list_counts_participations_latest_date_first()
    {
        var ledger = await ArrangeAsync(factory);

        var list = await ActivityList.ReadAsync(ledger.Store, CommunityId, default);

        Assert.Equal([("sweep-0401", 0L), (ActivityId, 3L)], list.Select(a => (a.Id, a.Participants)));
        Assert.Equal(new Organizer(OrganizerKind.PartnerUnit, "龙湖区供电局"), list[1].Organizer);
        Assert.Empty(await ActivityList.ReadAsync(ledger.Store, OtherCommunityId, default));
    }

    [Fact]
    public async Task Both_rebuilt_from_the_whole_ledger_equal_the_live_ones()
    {
        var ledger = await ArrangeAsync(factory);
        var households = await HouseholdSearch.FindAsync(ledger.Store, CommunityId, "", 100, default);
        var activities = await ActivityList.ReadAsync(ledger.Store, CommunityId, default);

        await ledger.Projections.RebuildAsync(new HouseholdSearchProjection().Name);
        await ledger.Projections.RebuildAsync(new ActivityListProjection().Name);

        Assert.Equal(3, households.Count);
        Assert.Equal(households.Select(h => (h.Passbook, h.HeadName, string.Join("|", h.Members), h.Address)),
            (await HouseholdSearch.FindAsync(ledger.Store, CommunityId, "", 100, default)).Select(h => (h.Passbook, h.HeadName, string.Join("|", h.Members), h.Address)));
        Assert.Equal(activities, await ActivityList.ReadAsync(ledger.Store, CommunityId, default));
    }
}

public sealed class SqliteConsoleReadModelTests(SqliteEventStoreFactory factory) : ConsoleReadModelTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresConsoleReadModelTests(PostgresEventStoreFactory factory) : ConsoleReadModelTests<PostgresEventStoreFactory>(factory);
