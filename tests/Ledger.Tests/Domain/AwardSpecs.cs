using Ledger.Common;
using Ledger.Communities;
using Ledger.Households;
using Ledger.Households.AwardPoints;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

public sealed class AwardSpecs
{
    private static AwardPointsCommand Cmd(string ruleId = CleanUp, string? member = null, string passbook = Passbook, string? note = null) =>
        new(CommunityId, passbook, ruleId, member, note);

    [Fact]
    public void An_award_records_the_items_points_and_version_for_the_head_of_household() =>
        Household()
            .When(s => HouseholdDecider.Decide(Cmd(note: "清理楼道"), s, Jinhai(), Now))
            .Then(new PointsAwarded(CommunityId, CleanUp, 1, 10, Head, "清理楼道", Today));

    [Fact]
    public void An_award_pins_the_current_version_of_a_revised_item()
    {
        var revised = Community(Registered(), CleanUpItem(), CleanUpItem(version: 2, points: 15, cap: 45));
        Household()
            .When(s => HouseholdDecider.Decide(Cmd(), s, revised, Now))
            .Then(new PointsAwarded(CommunityId, CleanUp, 2, 15, Head, null, Today));
    }

    [Fact]
    public void An_award_records_the_member_who_earned_it() =>
        Household()
            .When(s => HouseholdDecider.Decide(Cmd(member: Child), s, Jinhai(), Now))
            .Then(Award(member: Child));

    [Fact]
    public void A_member_the_household_does_not_list_is_refused() =>
        Household()
            .When(s => HouseholdDecider.Decide(Cmd(member: "王五"), s, Jinhai(), Now))
            .ThenFails("member-not-found", ErrorKind.Unprocessable);

    [Fact]
    public void A_household_of_another_community_is_not_found_there() =>
        new DeciderSpec<HouseholdState>(HouseholdState.Initial, HouseholdDecider.Evolve)
            .Given(Opened(communityId: OtherCommunityId))
            .When(s => HouseholdDecider.Decide(Cmd(), s, Jinhai(), Now))
            .ThenFails("household-not-found", ErrorKind.NotFound);

    [Fact]
    public void An_unknown_household_is_not_found() =>
        new DeciderSpec<HouseholdState>(HouseholdState.Initial, HouseholdDecider.Evolve)
            .When(s => HouseholdDecider.Decide(Cmd(), s, Jinhai(), Now))
            .ThenFails("household-not-found", ErrorKind.NotFound);

    [Fact]
    public void An_unknown_item_is_not_found() =>
        Household()
            .When(s => HouseholdDecider.Decide(Cmd(ruleId: "no-such-rule"), s, Jinhai(), Now))
            .ThenFails("points-item-not-found", ErrorKind.NotFound);

    [Fact]
    public void An_award_that_reaches_the_monthly_cap_exactly_is_allowed() =>
        Household(Award(), Award())
            .When(s => HouseholdDecider.Decide(Cmd(), s, Jinhai(), Now))
            .Then(Award());

    [Fact]
    public void Given_the_cap_is_reached_When_awarded_again_in_the_month_Then_monthly_cap_reached()
    {
        var error = Household(Award(), Award(member: Spouse), Award(member: Child))
            .When(s => HouseholdDecider.Decide(Cmd(), s, Jinhai(), Now))
            .ThenFails("monthly-cap-reached", ErrorKind.Conflict);
        Assert.Equal(30L, error.Extensions!["earnedThisMonth"]);
        Assert.Equal(30L, error.Extensions["monthlyCap"]);
    }

    [Fact]
    public void An_undated_award_counts_towards_the_cap_of_its_recording_month_in_the_communitys_zone_not_in_UTC()
    {
        var spec = Household();
        // Recorded before business dates: 23:30 on 28 February in Shanghai is February's; 00:30 on 1 March in Shanghai
        // (still February in UTC) is March's.
        spec.GivenAt(new DateTimeOffset(2025, 2, 28, 15, 30, 0, TimeSpan.Zero), UndatedAward());
        spec.GivenAt(new DateTimeOffset(2025, 2, 28, 16, 30, 0, TimeSpan.Zero), UndatedAward());
        spec.GivenAt(new DateTimeOffset(2025, 2, 28, 17, 0, 0, TimeSpan.Zero), UndatedAward());
        spec.When(s => HouseholdDecider.Decide(Cmd(), s, Jinhai(), Now)).Then(Award());
        spec.GivenAt(Now, Award());
        spec.When(s => HouseholdDecider.Decide(Cmd(), s, Jinhai(), Now)).ThenFails("monthly-cap-reached", ErrorKind.Conflict);
    }

    [Fact]
    public void A_new_month_starts_a_new_cap()
    {
        var spec = Household(Award(), Award(), Award());
        spec.When(s => HouseholdDecider.Decide(Cmd(), s, Jinhai(), Now.AddMonths(1))).Then(Award(on: Today.AddMonths(1)));
    }

    [Fact]
    public void The_cap_is_net_of_corrections()
    {
        var spec = Household(Award(), Award());
        var third = spec.GivenId(Award());
        spec.Given(new EntryCorrected(CommunityId, third, EntryKind.Award, Head, -10, "记错了", CleanUp, null));
        spec.When(s => HouseholdDecider.Decide(Cmd(), s, Jinhai(), Now)).Then(Award());
    }

    [Fact]
    public void Awards_under_an_earlier_version_count_towards_the_cap_of_the_revised_item()
    {
        var revised = Community(Registered(), CleanUpItem(), CleanUpItem(version: 2, points: 10, cap: 20));
        Household(Award(), Award())
            .When(s => HouseholdDecider.Decide(Cmd(), s, revised, Now))
            .ThenFails("monthly-cap-reached", ErrorKind.Conflict);
    }

    [Fact]
    public void Other_items_do_not_count_towards_an_items_cap()
    {
        var community = Community(Registered(), CleanUpItem(), new PointsItemDefined(CommunityId, "care", 1, "关爱老人", "志愿服务", 30, null));
        Household(Award(ruleId: "care", points: 30))
            .When(s => HouseholdDecider.Decide(Cmd(), s, community, Now))
            .Then(Award());
    }

    [Fact]
    public void A_deduction_covered_by_the_balance_applies_in_full() =>
        Household(Award(), Award(), Award())
            .When(s => HouseholdDecider.Decide(Cmd(ruleId: Litter), s, Jinhai(), Now))
            .Then(new PointsDeducted(CommunityId, Litter, 1, 20, 20, Head, null));

    [Fact]
    public void Given_the_refuse_policy_When_a_deduction_exceeds_the_balance_Then_insufficient_points()
    {
        var error = Household(Award())
            .When(s => HouseholdDecider.Decide(Cmd(ruleId: Litter), s, Jinhai(DeductionPolicy.Refuse), Now))
            .ThenFails("insufficient-points", ErrorKind.Conflict);
        Assert.Equal(10L, error.Extensions!["balance"]);
        Assert.Equal(20L, error.Extensions["needed"]);
    }

    [Fact]
    public void Given_stop_at_zero_When_a_deduction_exceeds_the_balance_Then_it_applies_the_balance_and_records_both() =>
        Household(Award())
            .When(s => HouseholdDecider.Decide(Cmd(ruleId: Litter, member: Child), s, Jinhai(DeductionPolicy.StopAtZero), Now))
            .Then(new PointsDeducted(CommunityId, Litter, 1, 20, 10, Child, null));

    [Fact]
    public void Given_stop_at_zero_and_a_negative_balance_Then_the_deduction_applies_nothing_but_is_recorded()
    {
        var spec = Household();
        var award = spec.GivenId(Award());
        spec.Given(new PointsDeducted(CommunityId, Litter, 1, 20, 10, Head, null),
            new EntryCorrected(CommunityId, award, EntryKind.Award, Head, -10, "记错了", CleanUp, null));
        Assert.Equal(-10, spec.State.Balance);
        spec.When(s => HouseholdDecider.Decide(Cmd(ruleId: Litter), s, Jinhai(DeductionPolicy.StopAtZero), Now))
            .Then(new PointsDeducted(CommunityId, Litter, 1, 20, 0, Head, null));
    }
}
