using Ledger.Activities;
using Ledger.Activities.AddParticipants;
using Ledger.Activities.GetActivity;
using Ledger.Activities.ScheduleActivity;
using Ledger.Communities.RegisterCommunity;
using Ledger.Households.AwardPoints;
using Ledger.Households.GetHousehold;
using Ledger.Households.OpenHousehold;
using Ledger.Testing;
using static Ledger.Tests.Domain.Handlers.LedgerHarness;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain.Handlers;

public abstract class ParticipantsHandlerTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static readonly ScheduleActivityCommand Schedule = new(
        CommunityId, ActivityId, "乡村绿化", new Organizer(OrganizerKind.PartnerUnit, "龙湖区供电局"), new DateOnly(2025, 3, 15), 5);

    private static AddParticipantsCommand Add(params ParticipantInput[] participants) => new(CommunityId, ActivityId, participants);

    private static async Task<LedgerHarness> ArrangeAsync(TFactory factory)
    {
        var ledger = await CreateAsync(factory);
        await ledger.SeedAsync(Passbook, "JH-0002", "JH-0003");
        Ok(await ledger.Send(new RegisterCommunityCommand(OtherCommunityId, "东和社区", "龙湖区", "新津街道"), Admin));
        Ok(await ledger.Send(new OpenHouseholdCommand(OtherCommunityId, "DH-0001", "王芳"), Committee(OtherCommunityId)));
        Ok(await ledger.Send(Schedule, Committee()));
        return ledger;
    }

    [Fact]
    public async Task Participants_are_awarded_in_one_append_across_the_activity_and_every_household()
    {
        var ledger = await ArrangeAsync(factory);
        var before = (await ledger.Store.ReadHeadAsync()).Position;

        var report = Ok(await ledger.Send(
            Add(new(Passbook), new(Passbook, Child), new("JH-0002", Spouse), new("DH-0001"), new("JH-0003", "王五")), Committee()));

        Assert.Equal([(Passbook, Head), (Passbook, Child), ("JH-0002", Spouse)], report.Awarded.Select(a => (a.Passbook, a.Member)));
        Assert.Equal([new RejectedParticipant("DH-0001", null, "household-not-found"), new RejectedParticipant("JH-0003", "王五", "member-not-found")],
            report.Rejected);
        var appended = (await ledger.ReadAllAsync()).Where(e => e.Position > before).ToList();
        Assert.Equal(4, appended.Count);
        Assert.Single(appended.Select(e => e.Metadata.CorrelationId).Distinct());
        Assert.Equal(
            report.Awarded.Select(a => a.EventId).Order(),
            appended.Where(e => e.Type == "ActivityPointsAwarded.v3").Select(e => e.EventId).Order());
        Assert.Equal(10, Ok(await ledger.Send(new GetHouseholdQuery(Passbook), Committee())).Balance);
        Assert.Equal(0, Ok(await ledger.Send(new GetHouseholdQuery("DH-0001"), Committee(OtherCommunityId))).Balance);
    }

    [Fact]
    public async Task Adding_the_same_participants_again_awards_nobody_twice()
    {
        var ledger = await ArrangeAsync(factory);
        Ok(await ledger.Send(Add(new(Passbook), new("JH-0002")), Committee()));
        var head = await ledger.Store.ReadHeadAsync();

        var again = Ok(await ledger.Send(Add(new(Passbook, Head), new("JH-0002")), Committee()));

        Assert.Empty(again.Awarded);
        Assert.Equal([new Participant(Passbook, Head), new Participant("JH-0002", Head)], again.AlreadyAwarded);
        Assert.Equal(head, await ledger.Store.ReadHeadAsync());
        var activity = Ok(await ledger.Send(new GetActivityQuery(CommunityId, ActivityId), Committee()));
        Assert.Equal(2, activity.Participants.Count);
    }

    [Fact]
    public async Task An_award_landing_on_a_household_mid_request_makes_the_whole_request_retry_on_fresh_state()
    {
        var ledger = await ArrangeAsync(factory);
        var racing = new RacingStore(ledger.Store, () => ledger.Send(new AwardPointsCommand(CommunityId, "JH-0002", CleanUp), Committee()));

        var report = Ok(await ledger.Send(Add(new(Passbook), new("JH-0002")), new Ledger.Common.FixedCommandContext(Committee(), "corr"), racing));

        Assert.True(racing.Raced);
        Assert.Equal(2, report.Awarded.Count);
        var household = Ok(await ledger.Send(new GetHouseholdQuery("JH-0002"), Committee()));
        Assert.Equal((15L, 3L), (household.Balance, household.Version));
        Assert.Single(await ledger.ReadAllAsync(), e => e.Type == "ParticipantsAdded.v1");
    }

    [Fact]
    public async Task An_unknown_activity_is_not_found_and_another_communitys_committee_is_forbidden()
    {
        var ledger = await ArrangeAsync(factory);
        Fails(await ledger.Send(new AddParticipantsCommand(CommunityId, "no-such", [new ParticipantInput(Passbook)]), Committee()), "activity-not-found");
        Fails(await ledger.Send(Add(new ParticipantInput(Passbook)), Committee(OtherCommunityId)), "forbidden");
        Fails(await ledger.Send(Schedule, Committee()), "activity-exists");
    }

    [Fact]
    public async Task Five_hundred_participants_land_in_one_request()
    {
        var ledger = await ArrangeAsync(factory);
        var passbooks = Enumerable.Range(1, 250).Select(i => $"P-{i:000}").ToList();
        foreach (var passbook in passbooks)
        {
            Ok(await ledger.Send(new OpenHouseholdCommand(CommunityId, passbook, Head, [Spouse]), Committee()));
        }

        var report = Ok(await ledger.Send(
            new AddParticipantsCommand(CommunityId, ActivityId, passbooks.SelectMany(p => new ParticipantInput[] { new(p), new(p, Spouse) }).ToList()),
            Committee()));

        Assert.Equal(500, report.Awarded.Count);
        Assert.Equal(500, (await ledger.ReadAllAsync()).Count(e => e.Type == "ActivityPointsAwarded.v3"));
    }
}

public sealed class SqliteParticipantsHandlerTests(SqliteEventStoreFactory factory) : ParticipantsHandlerTests<SqliteEventStoreFactory>(factory);
