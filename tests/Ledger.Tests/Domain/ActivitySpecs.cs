using Ledger.Activities;
using Ledger.Activities.AddParticipants;
using Ledger.Activities.ScheduleActivity;
using Ledger.Common;
using Ledger.Households;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

public sealed class ActivitySpecs
{
    private static readonly ScheduleActivityCommand Schedule = new(
        CommunityId, ActivityId, "乡村绿化", new Organizer(OrganizerKind.PartnerUnit, "龙湖区供电局"), new DateOnly(2025, 3, 15), 5);

    private static DeciderSpec<ActivityState> Spec() => new(ActivityState.Initial, ActivityDecider.Evolve);

    private static HouseholdState OpenedHousehold(string passbook, string communityId = CommunityId, params object[] more) =>
        new DeciderSpec<HouseholdState>(HouseholdState.Initial, HouseholdDecider.Evolve)
            .Given([Opened(passbook, communityId), .. more]).State;

    private static Dictionary<string, HouseholdState> ByPassbook(params HouseholdState[] states) =>
        states.ToDictionary(s => s.Passbook);

    private static ParticipantsDecision Add(ActivityState activity, Dictionary<string, HouseholdState> households, params ParticipantInput[] participants)
    {
        var decided = ParticipantsDecider.Decide(new AddParticipantsCommand(CommunityId, ActivityId, participants), activity, households, Jinhai(), Now);
        Assert.True(decided.IsSuccess, decided.Error?.Detail);
        return decided.Value;
    }

    [Fact]
    public void Scheduling_records_the_activity_with_its_organiser() =>
        Spec().When(s => ActivityDecider.Decide(Schedule, s, Jinhai())).Then(Scheduled());

    [Fact]
    public void Given_a_scheduled_activity_When_scheduled_again_Then_activity_exists() =>
        Spec().Given(Scheduled()).When(s => ActivityDecider.Decide(Schedule, s, Jinhai())).ThenFails("activity-exists", ErrorKind.Conflict);

    [Fact]
    public void Scheduling_in_an_unknown_community_is_refused() =>
        Spec().When(s => ActivityDecider.Decide(Schedule, s, Community())).ThenFails("community-not-found", ErrorKind.NotFound);

    [Fact]
    public void Participants_of_an_unknown_activity_are_refused()
    {
        var decided = ParticipantsDecider.Decide(
            new AddParticipantsCommand(CommunityId, ActivityId, [new ParticipantInput(Passbook)]), ActivityState.Initial, ByPassbook(OpenedHousehold(Passbook)), Jinhai(), Now);
        Assert.Equal("activity-not-found", decided.Error?.Type);
    }

    [Fact]
    public void Each_participant_is_awarded_the_activitys_points_and_the_activity_records_them()
    {
        var activity = Spec().Given(Scheduled()).State;
        var decision = Add(activity, ByPassbook(OpenedHousehold(Passbook), OpenedHousehold("JH-0002")),
            new ParticipantInput(Passbook), new ParticipantInput(Passbook, Child), new ParticipantInput("JH-0002", Head));

        Assert.Equal(
            [Envelopes.Json(new ParticipantsAdded(CommunityId, ActivityId, 5,
                [new Participant(Passbook, Head), new Participant(Passbook, Child), new Participant("JH-0002", Head)]))],
            decision.ActivityEvents.Select(Envelopes.Json));
        Assert.Equal(
            [Envelopes.Json(new ActivityPointsAwarded(CommunityId, ActivityId, Head, 5, Today)),
             Envelopes.Json(new ActivityPointsAwarded(CommunityId, ActivityId, Child, 5, Today))],
            decision.HouseholdEvents[Passbook].Select(Envelopes.Json));
        Assert.Single(decision.HouseholdEvents["JH-0002"]);
        Assert.Empty(decision.AlreadyAwarded);
        Assert.Empty(decision.Rejected);
    }

    [Fact]
    public void A_member_already_awarded_for_the_activity_is_reported_and_not_awarded_twice()
    {
        var activity = Spec().Given(Scheduled(), new ParticipantsAdded(CommunityId, ActivityId, 5, [new Participant(Passbook, Head)])).State;
        var household = OpenedHousehold(Passbook, CommunityId, new ActivityPointsAwarded(CommunityId, ActivityId, Head, 5));
        var decision = Add(activity, ByPassbook(household), new ParticipantInput(Passbook), new ParticipantInput(Passbook, Spouse));

        Assert.Equal([new Participant(Passbook, Head)], decision.AlreadyAwarded);
        Assert.Equal([new Participant(Passbook, Spouse)], decision.Awarded);
        Assert.Equal(
            [Envelopes.Json(new ActivityPointsAwarded(CommunityId, ActivityId, Spouse, 5, Today))],
            decision.HouseholdEvents[Passbook].Select(Envelopes.Json));
    }

    [Fact]
    public void When_everyone_was_already_awarded_nothing_is_appended()
    {
        var activity = Spec().Given(Scheduled(), new ParticipantsAdded(CommunityId, ActivityId, 5, [new Participant(Passbook, Head)])).State;
        var decision = Add(activity, ByPassbook(OpenedHousehold(Passbook)), new ParticipantInput(Passbook, Head));
        Assert.Empty(decision.ActivityEvents);
        Assert.Empty(decision.HouseholdEvents);
        Assert.Single(decision.AlreadyAwarded);
    }

    [Fact]
    public void A_passbook_of_another_community_or_unknown_is_rejected_and_the_rest_are_awarded()
    {
        var activity = Spec().Given(Scheduled()).State;
        var decision = Add(activity, ByPassbook(OpenedHousehold(Passbook), OpenedHousehold("DH-0001", OtherCommunityId)),
            new ParticipantInput("DH-0001"), new ParticipantInput("NOBODY", Head), new ParticipantInput(Passbook));

        Assert.Equal(
            [new RejectedParticipant("DH-0001", null, "household-not-found"), new RejectedParticipant("NOBODY", Head, "household-not-found")],
            decision.Rejected);
        Assert.Equal([new Participant(Passbook, Head)], decision.Awarded);
        Assert.False(decision.HouseholdEvents.ContainsKey("DH-0001"));
    }

    [Fact]
    public void A_member_the_household_does_not_list_is_rejected()
    {
        var decision = Add(Spec().Given(Scheduled()).State, ByPassbook(OpenedHousehold(Passbook)), new ParticipantInput(Passbook, "王五"));
        Assert.Equal([new RejectedParticipant(Passbook, "王五", "member-not-found")], decision.Rejected);
        Assert.Empty(decision.ActivityEvents);
    }

    [Fact]
    public void The_same_participant_named_twice_in_one_request_is_awarded_once()
    {
        var decision = Add(Spec().Given(Scheduled()).State, ByPassbook(OpenedHousehold(Passbook)),
            new ParticipantInput(Passbook), new ParticipantInput(Passbook, Head));
        Assert.Equal([new Participant(Passbook, Head)], decision.Awarded);
        Assert.Single(decision.HouseholdEvents[Passbook]);
    }
}
