using Ledger.Common;
using Ledger.Households;
using Ledger.Households.CorrectEntry;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

public sealed class CorrectionSpecs
{
    private static CorrectEntryCommand Correct(Guid eventId, string reason = "录入错误") => new(Passbook, eventId, reason);

    [Fact]
    public void Correcting_an_award_takes_its_points_back()
    {
        var spec = Household();
        var award = spec.GivenId(Award(member: Spouse));
        spec.When(s => HouseholdDecider.Decide(Correct(award), s))
            .Then(new EntryCorrected(CommunityId, award, EntryKind.Award, Spouse, -10, "录入错误", CleanUp, null));
    }

    [Fact]
    public void Correcting_a_deduction_gives_back_what_was_applied_not_what_was_requested()
    {
        var spec = Household(Award());
        var deduction = spec.GivenId(new PointsDeducted(CommunityId, Litter, 1, 20, 10, Head, null));
        spec.When(s => HouseholdDecider.Decide(Correct(deduction), s))
            .Then(new EntryCorrected(CommunityId, deduction, EntryKind.Deduction, Head, 10, "录入错误", Litter, null));
    }

    [Fact]
    public void Correcting_an_activity_award_takes_its_points_back()
    {
        var spec = Household();
        var award = spec.GivenId(new ActivityPointsAwarded(CommunityId, ActivityId, Child, 5));
        spec.When(s => HouseholdDecider.Decide(Correct(award), s))
            .Then(new EntryCorrected(CommunityId, award, EntryKind.ActivityAward, Child, -5, "录入错误", null, ActivityId));
    }

    [Fact]
    public void Given_a_corrected_entry_When_corrected_again_Then_already_corrected()
    {
        var spec = Household();
        var award = spec.GivenId(Award());
        var correction = spec.GivenId(new EntryCorrected(CommunityId, award, EntryKind.Award, Head, -10, "录入错误", CleanUp, null));
        var error = spec.When(s => HouseholdDecider.Decide(Correct(award), s)).ThenFails("already-corrected", ErrorKind.Conflict);
        Assert.Equal(correction, error.Extensions!["correctionEventId"]);
    }

    [Fact]
    public void An_unknown_event_id_is_entry_not_found() =>
        Household(Award())
            .When(s => HouseholdDecider.Decide(Correct(Guid.NewGuid()), s))
            .ThenFails("entry-not-found", ErrorKind.NotFound);

    [Fact]
    public void The_opening_of_the_household_is_not_correctable()
    {
        var spec = new DeciderSpec<HouseholdState>(HouseholdState.Initial, HouseholdDecider.Evolve);
        var opened = spec.GivenId(Opened());
        spec.When(s => HouseholdDecider.Decide(Correct(opened), s)).ThenFails("not-correctable", ErrorKind.Unprocessable);
    }

    [Fact]
    public void A_correction_is_not_itself_correctable()
    {
        var spec = Household();
        var award = spec.GivenId(Award());
        var correction = spec.GivenId(new EntryCorrected(CommunityId, award, EntryKind.Award, Head, -10, "录入错误", CleanUp, null));
        spec.When(s => HouseholdDecider.Decide(Correct(correction), s)).ThenFails("not-correctable", ErrorKind.Unprocessable);
    }

    [Fact]
    public void Events_of_other_modules_and_unknown_types_are_not_correctable()
    {
        var spec = Household(Award());
        var redeemed = spec.GivenId(new TestPointsRedeemed(5, null, "粮油"));
        var unknown = spec.GivenId(new TestSomethingElse("?"));
        spec.When(s => HouseholdDecider.Decide(Correct(redeemed), s)).ThenFails("not-correctable", ErrorKind.Unprocessable);
        spec.When(s => HouseholdDecider.Decide(Correct(unknown), s)).ThenFails("not-correctable", ErrorKind.Unprocessable);
    }

    [Fact]
    public void Correcting_an_award_whose_points_were_spent_is_recorded_and_the_balance_goes_negative()
    {
        var spec = Household();
        var award = spec.GivenId(Award(points: 30));
        spec.Given(new TestPointsRedeemed(25, Spouse, "茶具"));
        var correction = new EntryCorrected(CommunityId, award, EntryKind.Award, Head, -30, "重复登记", CleanUp, null);
        spec.When(s => HouseholdDecider.Decide(Correct(award, "重复登记"), s)).Then(correction);

        spec.Given(correction);
        Assert.Equal(-25, spec.State.Balance);
    }

    [Fact]
    public void The_fold_keeps_balance_equal_to_earned_minus_deducted_corrected_and_redeemed_plus_refunded()
    {
        var spec = Household(Award(), new ActivityPointsAwarded(CommunityId, ActivityId, Child, 5));
        var deduction = spec.GivenId(new PointsDeducted(CommunityId, Litter, 1, 20, 15, Head, null));
        var award = spec.GivenId(Award(points: 40));
        spec.Given(
            new EntryCorrected(CommunityId, deduction, EntryKind.Deduction, Head, 15, "误扣", Litter, null),
            new TestPointsRedeemed(30, null, "粮油"),
            new TestPointsRefunded(12, null, "粮油"),
            new EntryCorrected(CommunityId, award, EntryKind.Award, Head, -40, "记错", CleanUp, null),
            new TestSomethingElse("ignored"));

        var s = spec.State;
        Assert.Equal((Earned: 55L, Deducted: 15L, Corrected: 25L, Redeemed: 30L, Refunded: 12L), (s.Earned, s.Deducted, s.Corrected, s.Redeemed, s.Refunded));
        Assert.Equal(s.Earned - s.Deducted - s.Corrected - s.Redeemed + s.Refunded, s.Balance);
        Assert.Equal(-3, s.Balance);
        Assert.Equal(10, s.Version);
    }
}
