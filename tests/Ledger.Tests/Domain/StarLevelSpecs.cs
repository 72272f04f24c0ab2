using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.SetStarLevels;
using Ledger.Households;
using Ledger.Households.AwardPoints;
using Ledger.Households.CorrectEntry;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

/// <summary>
/// Star levels (星级户): the committee's thresholds on the community stream, and the level a household reaches, decided
/// on the events an award, activity award or correction is about to append.
/// </summary>
public sealed class StarLevelSpecs
{
    private static readonly StarLevel[] Scale = [new(1, 100), new(2, 200), new(3, 500)];

    private static SetStarLevelsCommand Set(params (int Stars, long Points)[] levels) =>
        new(CommunityId, levels.Select(l => (StarLevelInput?)new StarLevelInput(l.Stars, l.Points)).ToList());

    private static StarLevelScale Levels(int version = 1, params StarLevel[] levels) =>
        new(version, [.. levels.Length == 0 ? Scale : levels], Now);

    // What the handler does: the decided events get their ids as they are queued, then the star level is decided on them.
    private static List<EventEnvelope> Queued(HouseholdState state, params object[] events) =>
        events.Select((e, i) => new EventEnvelope(Guid.NewGuid(), "queued", state.Version + i + 1, 0, Now, "key:test", e)).ToList();

    private static Result<IReadOnlyList<IHouseholdEvent>> Stars(HouseholdState state, StarLevelScale levels, IReadOnlyList<EventEnvelope> queued) =>
        Result.Ok(HouseholdDecider.DecideStarLevel(state, levels, queued));

    [Fact]
    public void Setting_star_levels_records_them_as_version_1() =>
        new DeciderSpec<CommunityState>(CommunityState.Initial, CommunityDecider.Evolve)
            .Given(Registered())
            .When(s => CommunityDecider.Decide(Set((1, 100), (2, 200), (3, 500)), s))
            .Then(new StarLevelsSet(CommunityId, 1, Scale));

    [Fact]
    public void Setting_the_levels_in_force_again_changes_nothing() =>
        new DeciderSpec<CommunityState>(CommunityState.Initial, CommunityDecider.Evolve)
            .Given(Registered(), new StarLevelsSet(CommunityId, 1, Scale))
            .When(s => CommunityDecider.Decide(Set((1, 100), (2, 200), (3, 500)), s))
            .ThenNothing();

    [Fact]
    public void Changed_levels_are_recorded_as_the_next_version() =>
        new DeciderSpec<CommunityState>(CommunityState.Initial, CommunityDecider.Evolve)
            .Given(Registered(), new StarLevelsSet(CommunityId, 1, Scale))
            .When(s => CommunityDecider.Decide(Set((1, 80), (2, 200)), s))
            .Then(new StarLevelsSet(CommunityId, 2, [new(1, 80), new(2, 200)]));

    [Fact]
    public void Star_levels_of_an_unknown_community_are_not_found() =>
        new DeciderSpec<CommunityState>(CommunityState.Initial, CommunityDecider.Evolve)
            .When(s => CommunityDecider.Decide(Set((1, 100)), s))
            .ThenFails("community-not-found", ErrorKind.NotFound);

    [Fact]
    public void An_award_that_reaches_a_threshold_records_the_level_with_its_cause_and_the_points_earned()
    {
        var spec = Household(Award(60), Award(30));
        var award = Queued(spec.State, Award(15));
        spec.When(s => Stars(s, Levels(), award))
            .Then(new StarLevelReached(CommunityId, 1, 100, 105, award[0].EventId, 1));
    }

    [Fact]
    public void An_award_that_stays_below_the_next_threshold_records_nothing()
    {
        var spec = Household(Award(90));
        spec.When(s => Stars(s, Levels(), Queued(s, Award(9)))).ThenNothing();
    }

    [Fact]
    public void A_jump_over_two_thresholds_records_only_the_highest_level_reached()
    {
        var spec = Household(Award(90));
        var award = Queued(spec.State, Award(450));
        spec.When(s => Stars(s, Levels(), award))
            .Then(new StarLevelReached(CommunityId, 3, 500, 540, award[0].EventId, 1));
    }

    [Fact]
    public void Without_star_levels_nobody_reaches_one() =>
        Household().When(s => Stars(s, StarLevelScale.None, Queued(s, Award(1000)))).ThenNothing();

    [Fact]
    public void Redeeming_never_lowers_points_earned_so_the_next_award_still_counts_all_that_was_earned()
    {
        var spec = Household(Award(150), new TestPointsRedeemed(150, null, "粮油"));
        var award = Queued(spec.State, Award(50));
        spec.When(s => Stars(s, Levels(), award))
            .Then(new StarLevelReached(CommunityId, 2, 200, 200, award[0].EventId, 1));
    }

    [Fact]
    public void Deductions_count_against_points_earned()
    {
        var spec = Household(Award(100), new PointsDeducted(CommunityId, Litter, 1, 20, 20, Head, null));
        spec.When(s => Stars(s, Levels(), Queued(s, Award(10)))).ThenNothing();
    }

    [Fact]
    public void A_level_reached_is_kept_when_a_correction_takes_points_earned_back_below_its_threshold()
    {
        var spec = Household();
        var award = spec.GivenId(Award(120));
        spec.Given(new StarLevelReached(CommunityId, 1, 100, 120, award, 1));
        var correction = HouseholdDecider.Decide(new CorrectEntryCommand(Passbook, award, "重复登记"), spec.State);
        spec.Given(correction.Value![0]);

        Assert.Equal((0L, 1), (spec.State.NetEarned, spec.State.StarLevel));
        // Earning the threshold back does not record the same level twice.
        spec.When(s => Stars(s, Levels(), Queued(s, Award(150)))).ThenNothing();
    }

    [Fact]
    public void A_correction_of_a_deduction_that_brings_points_earned_to_a_threshold_reaches_the_level()
    {
        var spec = Household(Award(110));
        var deduction = spec.GivenId(new PointsDeducted(CommunityId, Litter, 1, 20, 20, Head, null));
        var decided = HouseholdDecider.Decide(new CorrectEntryCommand(Passbook, deduction, "误扣"), spec.State);
        var correction = Queued(spec.State, [.. decided.Value!]);
        spec.When(s => Stars(s, Levels(), correction))
            .Then(new StarLevelReached(CommunityId, 1, 100, 110, correction[0].EventId, 1));
    }

    [Fact]
    public void A_lowered_threshold_applies_to_the_next_entry_and_records_the_version_that_applied()
    {
        var spec = Household(Award(150));
        var award = Queued(spec.State, Award(5));
        spec.When(s => Stars(s, Levels(2, new StarLevel(1, 120), new StarLevel(2, 300)), award))
            .Then(new StarLevelReached(CommunityId, 1, 120, 155, award[0].EventId, 2));
    }

    [Fact]
    public void A_raised_threshold_never_lowers_a_level_already_reached()
    {
        var spec = Household(Award(150), new StarLevelReached(CommunityId, 1, 100, 150, Guid.NewGuid(), 1));
        spec.When(s => Stars(s, Levels(2, new StarLevel(1, 1000)), Queued(s, Award(10)))).ThenNothing();
        Assert.Equal(1, spec.State.StarLevel);
    }

    [Fact]
    public void Of_several_entries_in_one_append_the_first_to_reach_the_level_is_its_cause()
    {
        var spec = Household(Award(90));
        var awards = Queued(spec.State,
            new ActivityPointsAwarded(CommunityId, ActivityId, Head, 10), new ActivityPointsAwarded(CommunityId, ActivityId, Spouse, 10));
        spec.When(s => Stars(s, Levels(), awards))
            .Then(new StarLevelReached(CommunityId, 1, 100, 100, awards[0].EventId, 1));
    }

    [Fact]
    public void A_star_level_reached_is_not_an_entry_a_correction_can_reverse()
    {
        var spec = Household(Award(120));
        var reached = spec.GivenId(new StarLevelReached(CommunityId, 1, 100, 120, Guid.NewGuid(), 1));
        spec.When(s => HouseholdDecider.Decide(new CorrectEntryCommand(Passbook, reached, "撤销星级"), s))
            .ThenFails("not-correctable", ErrorKind.Unprocessable);
    }

    [Fact]
    public void An_award_of_the_household_decider_reaches_the_level_its_points_make()
    {
        var community = Community(Registered(), CleanUpItem(cap: null, points: 100), new StarLevelsSet(CommunityId, 1, Scale));
        var spec = Household();
        var decided = HouseholdDecider.Decide(new AwardPointsCommand(CommunityId, Passbook, CleanUp), spec.State, community, Now);
        var award = Queued(spec.State, [.. decided.Value!]);
        spec.When(s => Stars(s, community.StarLevels, award))
            .Then(new StarLevelReached(CommunityId, 1, 100, 100, award[0].EventId, 1));
    }
}
