using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.SetExpiryPolicy;
using Ledger.Households;
using Ledger.Households.AwardPoints;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

/// <summary>
/// Points that expire (积分有效期): the versioned policy, the version each earning pins, first in, first out spending,
/// refunds into the lots they came from, and expiry that names its lots and never goes below zero.
/// </summary>
public sealed class ExpirySpecs
{
    private const string Rid = "0195a3b4c0de7000800000000000abcd";
    private static readonly DateOnly EndOf2025 = new(2025, 12, 31);
    private static readonly DateOnly EndOf2026 = new(2026, 12, 31);

    private static PointsAwarded Lot(long points, DateOnly on, DateOnly? expiresOn) =>
        Award(points, on: on) with { ExpiryPolicyVersion = expiresOn is null ? null : 1, ExpiresOn = expiresOn };

    private static PointsRedeemed Spent(long points, string rid = Rid) => new(CommunityId, rid, points, Head, "东北大米");

    private static PointsRefunded Refunded(long points, string rid = Rid) => new(CommunityId, rid, points, Head, "东北大米", "扫错了存折");

    private static IReadOnlyList<PointsLot> Lots(DeciderSpec<HouseholdState> spec) => spec.State.Lots.Lots;

    [Fact]
    public void A_first_policy_is_version_1_and_the_same_policy_again_changes_nothing()
    {
        var spec = new DeciderSpec<CommunityState>(CommunityState.Initial, CommunityDecider.Evolve).Given(Registered());
        spec.When(s => CommunityDecider.Decide(new SetExpiryPolicyCommand(CommunityId, ExpiryRules.EndOfYear, 1), s))
            .Then(new ExpiryPolicySet(CommunityId, 1, ExpiryRules.EndOfYear, 1));
        spec.Given(new ExpiryPolicySet(CommunityId, 1, ExpiryRules.EndOfYear, 1));
        spec.When(s => CommunityDecider.Decide(new SetExpiryPolicyCommand(CommunityId, ExpiryRules.EndOfYear, 1), s)).ThenNothing();
        spec.When(s => CommunityDecider.Decide(new SetExpiryPolicyCommand(CommunityId, ExpiryRules.None, null), s))
            .Then(new ExpiryPolicySet(CommunityId, 2, ExpiryRules.None, null));
    }

    [Fact]
    public void An_award_pins_the_policy_in_force_and_its_last_day_is_31_December_N_years_after_the_year_it_occurred_in()
    {
        var community = Community(Registered(), CleanUpItem(), new ExpiryPolicySet(CommunityId, 3, ExpiryRules.EndOfYear, 1));
        Household().When(s => HouseholdDecider.Decide(new AwardPointsCommand(CommunityId, Passbook, CleanUp), s, community, Now))
            .Then(new PointsAwarded(CommunityId, CleanUp, 1, 10, Head, null, Today, 3, EndOf2026));
    }

    [Fact]
    public void Without_a_policy_an_award_pins_nothing_and_never_expires() =>
        Household().When(s => HouseholdDecider.Decide(new AwardPointsCommand(CommunityId, Passbook, CleanUp), s, Jinhai(), Now))
            .Then(Award(10));

    [Fact]
    public void A_later_policy_change_never_shortens_what_an_earlier_earning_pinned()
    {
        // Earned under "end of next year", then the committee shortens the policy to "end of this year".
        var spec = Household(Lot(10, Today, EndOf2026));
        var shorter = Community(Registered(), CleanUpItem(), new ExpiryPolicySet(CommunityId, 2, ExpiryRules.EndOfYear, 0));
        spec.When(s => HouseholdDecider.Decide(new AwardPointsCommand(CommunityId, Passbook, CleanUp), s, shorter, Now))
            .Then(new PointsAwarded(CommunityId, CleanUp, 1, 10, Head, null, Today, 2, EndOf2025));

        Assert.Empty(HouseholdBalance.ExpireLots(spec.State, new DateOnly(2026, 1, 1)));
        Assert.Equal(EndOf2026, Assert.Single(Lots(spec)).ExpiresOn);
    }

    [Fact]
    public void Spending_takes_the_oldest_lot_first()
    {
        var spec = Household(Lot(30, new DateOnly(2025, 3, 1), EndOf2026), Lot(50, new DateOnly(2024, 6, 1), EndOf2025));
        spec.Given(Spent(60));
        Assert.Equal([(new DateOnly(2024, 6, 1), 0L), (new DateOnly(2025, 3, 1), 20L)], Lots(spec).Select(l => (l.OrderOn, l.Remaining)));
        Assert.Equal(20, spec.State.Balance);
    }

    [Fact]
    public void A_deduction_takes_the_oldest_lot_first_and_its_correction_gives_the_points_back_to_it()
    {
        var spec = Household(Lot(10, new DateOnly(2024, 6, 1), EndOf2025), Lot(10, Today, EndOf2026));
        var deduction = spec.GivenId(new PointsDeducted(CommunityId, Litter, 1, 15, 15, Head, null));
        Assert.Equal([0L, 5L], Lots(spec).Select(l => l.Remaining));
        spec.Given(new EntryCorrected(CommunityId, deduction, EntryKind.Deduction, Head, 15, "记错了户", Litter, null));
        Assert.Equal([10L, 10L], Lots(spec).Select(l => l.Remaining));
    }

    [Fact]
    public void A_refund_goes_back_to_the_lots_its_receipt_took_from_not_to_the_newest()
    {
        var spec = Household(Lot(40, new DateOnly(2024, 6, 1), EndOf2025), Lot(40, Today, EndOf2026));
        spec.Given(Spent(50), Spent(20, "other"));
        Assert.Equal([0L, 10L], Lots(spec).Select(l => l.Remaining));
        spec.Given(Refunded(50));
        Assert.Equal([40L, 20L], Lots(spec).Select(l => l.Remaining));
    }

    [Fact]
    public void What_is_left_of_an_ended_lot_expires_as_one_event_naming_the_lots()
    {
        var spec = Household(Lot(40, new DateOnly(2024, 6, 1), EndOf2025), Lot(40, Today, EndOf2026), Spent(25));
        var expired = Assert.IsType<PointsExpired>(Assert.Single(HouseholdBalance.ExpireLots(spec.State, new DateOnly(2026, 1, 1))));
        Assert.Equal(15, expired.Points);
        var lot = Assert.Single(expired.Lots);
        Assert.Equal((Lots(spec)[0].EventId, EndOf2025, 15L), (lot.EventId, lot.ExpiresOn, lot.Points));

        spec.Given(expired);
        Assert.Equal((40L, 15L), (spec.State.Balance, spec.State.Expired));
        Assert.Empty(HouseholdBalance.ExpireLots(spec.State, new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void A_lot_expires_only_after_its_last_day()
    {
        var spec = Household(Lot(40, new DateOnly(2024, 6, 1), EndOf2025));
        Assert.Empty(HouseholdBalance.ExpireLots(spec.State, EndOf2025));
        Assert.Single(HouseholdBalance.ExpireLots(spec.State, EndOf2025.AddDays(1)));
    }

    [Fact]
    public void Expiry_never_takes_a_balance_below_zero()
    {
        // A correction took the balance below what the lots held: the shortfall is repaid first, and nothing expires.
        var spec = Household(Lot(40, new DateOnly(2024, 6, 1), EndOf2025), Spent(30));
        spec.Given(new EntryCorrected(CommunityId, Guid.NewGuid(), EntryKind.Award, Head, -20, "重复登记", CleanUp, null));
        Assert.Equal(-10, spec.State.Balance);
        Assert.Empty(HouseholdBalance.ExpireLots(spec.State, new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Corrected_earnings_leave_their_lot_and_the_rest_comes_from_the_oldest()
    {
        var spec = Household(Lot(40, new DateOnly(2024, 6, 1), EndOf2025));
        var second = spec.GivenId(Lot(30, Today, EndOf2026));
        spec.Given(Spent(20));
        spec.Given(new EntryCorrected(CommunityId, second, EntryKind.Award, Head, -30, "重复登记", CleanUp, null));
        Assert.Equal([20L, 0L], Lots(spec).Select(l => l.Remaining));
        Assert.Equal(20, spec.State.Balance);
    }

    [Fact]
    public void A_refund_into_an_expired_lot_expires_again()
    {
        var spec = Household(Lot(40, new DateOnly(2024, 6, 1), EndOf2025), Spent(30));
        spec.Given(HouseholdBalance.ExpireLots(spec.State, new DateOnly(2026, 1, 1)).Cast<object>().ToArray());
        spec.Given(Refunded(30));
        var again = Assert.IsType<PointsExpired>(Assert.Single(HouseholdBalance.ExpireLots(spec.State, new DateOnly(2026, 1, 2))));
        Assert.Equal(30, again.Points);
    }

    [Fact]
    public void The_household_view_lists_what_expires_by_day_soonest_first()
    {
        var spec = Household(Lot(40, new DateOnly(2024, 6, 1), EndOf2025), Lot(30, Today, EndOf2026), Award(5), Spent(10));
        Assert.Equal([(EndOf2025, 30L), (EndOf2026, 30L)], HouseholdBalance.ExpiringLots(spec.State, Today));
    }
}
