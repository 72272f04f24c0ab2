using Ledger.Activities;
using Ledger.Activities.AddParticipants;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.ClosePeriod;
using Ledger.Households;
using Ledger.Households.AwardPoints;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

/// <summary>Business dates (occurredOn) and month close (月结): the rules of <see cref="CommunityPeriods"/> as each decider applies them.</summary>
public sealed class BusinessDateSpecs
{
    private static readonly DateOnly LastMonth = new(2025, 2, 20);

    private static AwardPointsCommand Cmd(DateOnly? on, string ruleId = CleanUp) => new(CommunityId, Passbook, ruleId, OccurredOn: on);

    private static CommunityState Closed(params string[] months) =>
        Community([Registered(), CleanUpItem(), LitterItem(), .. months.Select(m => new PeriodClosed(CommunityId, m))]);

    private static DeciderSpec<CommunityState> CommunitySpec(params object[] events) =>
        new DeciderSpec<CommunityState>(CommunityState.Initial, CommunityDecider.Evolve).Given([Registered(), .. events]);

    [Fact]
    public void An_award_without_a_date_is_dated_today_in_the_communitys_zone()
    {
        // 23:30 on 15 March in UTC is already 16 March in Shanghai.
        var lateEvening = new DateTimeOffset(2025, 3, 15, 23, 30, 0, TimeSpan.Zero);
        Household().When(s => HouseholdDecider.Decide(Cmd(null), s, Jinhai(), lateEvening)).Then(Award(on: new DateOnly(2025, 3, 16)));
    }

    [Fact]
    public void An_award_dated_earlier_carries_its_date() =>
        Household().When(s => HouseholdDecider.Decide(Cmd(LastMonth), s, Jinhai(), Now)).Then(Award(on: LastMonth));

    [Fact]
    public void An_award_dated_after_today_is_invalid()
    {
        var error = Household().When(s => HouseholdDecider.Decide(Cmd(Today.AddDays(1)), s, Jinhai(), Now))
            .ThenFails("validation-failed", ErrorKind.Invalid);
        Assert.Contains("occurredOn", ((IReadOnlyDictionary<string, string[]>)error.Extensions!["errors"]!).Keys);
    }

    [Fact]
    public void A_monthly_cap_counts_the_month_the_award_occurred_in_not_the_month_it_is_recorded_in()
    {
        // Three February awards recorded in March fill February's cap, not March's.
        var spec = Household(Award(on: LastMonth), Award(on: LastMonth), Award(on: LastMonth));
        spec.When(s => HouseholdDecider.Decide(Cmd(LastMonth), s, Jinhai(), Now)).ThenFails("monthly-cap-reached", ErrorKind.Conflict);
        spec.When(s => HouseholdDecider.Decide(Cmd(null), s, Jinhai(), Now)).Then(Award());
    }

    [Fact]
    public void A_deduction_occurs_on_the_day_it_is_recorded()
    {
        var spec = Household(Award(), Award(), Award());
        spec.When(s => HouseholdDecider.Decide(Cmd(LastMonth, Litter), s, Jinhai(), Now)).ThenFails("validation-failed", ErrorKind.Invalid);
        spec.When(s => HouseholdDecider.Decide(Cmd(Today, Litter), s, Jinhai(), Now))
            .Then(new PointsDeducted(CommunityId, Litter, 1, 20, 20, Head, null));
    }

    [Fact]
    public void Given_February_is_closed_When_an_award_is_dated_in_it_Then_period_closed()
    {
        var error = Household().When(s => HouseholdDecider.Decide(Cmd(LastMonth), s, Closed("2025-02"), Now))
            .ThenFails("period-closed", ErrorKind.Conflict);
        Assert.Equal("2025-02", error.Extensions!["period"]);
    }

    [Fact]
    public void Given_February_is_closed_Then_awards_dated_in_March_or_January_are_still_recorded()
    {
        Household().When(s => HouseholdDecider.Decide(Cmd(null), s, Closed("2025-02"), Now)).Then(Award());
        Household().When(s => HouseholdDecider.Decide(Cmd(new DateOnly(2025, 1, 31)), s, Closed("2025-02"), Now))
            .Then(Award(on: new DateOnly(2025, 1, 31)));
    }

    [Fact]
    public void Participants_of_an_activity_in_a_closed_month_are_refused_and_none_is_awarded()
    {
        var activity = new DeciderSpec<ActivityState>(ActivityState.Initial, ActivityDecider.Evolve)
            .Given(Scheduled() with { Date = LastMonth }).State;
        var household = Household().State;
        var command = new AddParticipantsCommand(CommunityId, ActivityId, [new ParticipantInput(Passbook)]);

        var refused = ParticipantsDecider.Decide(command, activity, new Dictionary<string, HouseholdState> { [Passbook] = household }, Closed("2025-02"), Now);
        var open = ParticipantsDecider.Decide(command, activity, new Dictionary<string, HouseholdState> { [Passbook] = household }, Jinhai(), Now);

        Assert.Equal("period-closed", refused.Error?.Type);
        Assert.Equal(LastMonth, ((ActivityPointsAwarded)open.Value!.HouseholdEvents[Passbook][0]).OccurredOn);
    }

    [Fact]
    public void Participants_of_an_activity_dated_after_today_are_invalid()
    {
        var activity = new DeciderSpec<ActivityState>(ActivityState.Initial, ActivityDecider.Evolve)
            .Given(Scheduled() with { Date = Today.AddDays(3) }).State;
        var decided = ParticipantsDecider.Decide(
            new AddParticipantsCommand(CommunityId, ActivityId, [new ParticipantInput(Passbook)]), activity,
            new Dictionary<string, HouseholdState> { [Passbook] = Household().State }, Jinhai(), Now);
        Assert.Equal(("validation-failed", ErrorKind.Invalid), (decided.Error?.Type, decided.Error!.Kind));
    }

    [Fact]
    public void An_ended_month_is_closed_once() =>
        CommunitySpec().When(s => CommunityDecider.Decide(new ClosePeriodCommand(CommunityId, "2025-02"), s, Now))
            .Then(new PeriodClosed(CommunityId, "2025-02"));

    [Fact]
    public void The_current_month_has_not_ended_until_the_first_day_of_the_next_in_the_communitys_zone()
    {
        var spec = CommunitySpec();
        // 23:59 on 31 March in Shanghai: March has not ended; a minute later (16:00 UTC) it has.
        spec.When(s => CommunityDecider.Decide(new ClosePeriodCommand(CommunityId, "2025-03"), s, new DateTimeOffset(2025, 3, 31, 15, 59, 0, TimeSpan.Zero)))
            .ThenFails("period-not-ended", ErrorKind.Conflict);
        spec.When(s => CommunityDecider.Decide(new ClosePeriodCommand(CommunityId, "2025-03"), s, new DateTimeOffset(2025, 3, 31, 16, 0, 0, TimeSpan.Zero)))
            .Then(new PeriodClosed(CommunityId, "2025-03"));
    }

    [Fact]
    public void A_future_month_has_not_ended() =>
        CommunitySpec().When(s => CommunityDecider.Decide(new ClosePeriodCommand(CommunityId, "2026-01"), s, Now))
            .ThenFails("period-not-ended", ErrorKind.Conflict);

    [Fact]
    public void Given_a_closed_month_When_closed_again_Then_period_already_closed_naming_who_and_when()
    {
        var error = CommunitySpec(new PeriodClosed(CommunityId, "2025-02"))
            .When(s => CommunityDecider.Decide(new ClosePeriodCommand(CommunityId, "2025-02"), s, Now))
            .ThenFails("period-already-closed", ErrorKind.Conflict);
        Assert.Equal("key:test", error.Extensions!["closedBy"]);
        Assert.Equal(Now, error.Extensions["closedAt"]);
    }

    [Fact]
    public void A_month_of_an_unknown_community_is_not_closed() =>
        new DeciderSpec<CommunityState>(CommunityState.Initial, CommunityDecider.Evolve)
            .When(s => CommunityDecider.Decide(new ClosePeriodCommand(CommunityId, "2025-02"), s, Now))
            .ThenFails("community-not-found", ErrorKind.NotFound);

    [Theory]
    [InlineData("2025-02-20", "2025-02-20")]
    [InlineData(null, "2025-03-16")]
    public void The_business_date_is_the_events_own_or_its_recording_day_in_the_zone(string? occurredOn, string expected)
    {
        var award = Award() with { OccurredOn = occurredOn is null ? null : DateOnly.Parse(occurredOn) };
        Assert.Equal(DateOnly.Parse(expected), BusinessDate.Of(award, new DateTimeOffset(2025, 3, 15, 16, 30, 0, TimeSpan.Zero), CommunityCalendar.DefaultTimeZone));
    }
}
