using Ledger.Common;
using Ledger.Households;
using Ledger.Tests.Domain.Support;
using static Ledger.Tests.Domain.Support.TestData;

namespace Ledger.Tests.Domain;

/// <summary>
/// The household's own spending and refund decisions (<see cref="HouseholdBalance"/>), as the supermarket calls them
/// inside a redemption's or a cancellation's append.
/// </summary>
public sealed class HouseholdBalanceSpecs
{
    private const string Rid = "0195a3b4c0de7000800000000000abcd";

    private static DeciderSpec<HouseholdAccountState> Account(params object[] more) =>
        new DeciderSpec<HouseholdAccountState>(HouseholdAccountState.Initial, HouseholdAccountState.Evolve).Given([Opened(), .. more]);

    private static SpendPoints Spend(long points, string? member = null, string communityId = CommunityId) =>
        new(communityId, Passbook, member, Rid, points, "东北大米 5kg ×2");

    [Fact]
    public void Spending_what_the_balance_covers_takes_it_from_the_head_when_no_member_is_named() =>
        Account(Award(30), Award(30)).When(s => HouseholdBalance.Spend(s, Spend(60)))
            .Then(new PointsRedeemed(CommunityId, Rid, 60, Head, "东北大米 5kg ×2"));

    [Fact]
    public void Spending_more_than_the_balance_is_refused_with_the_balance_and_the_points_needed()
    {
        var error = Account(Award(30)).When(s => HouseholdBalance.Spend(s, Spend(31))).ThenFails("insufficient-points", ErrorKind.Conflict);
        Assert.Contains("30", error.Detail);
    }

    [Fact]
    public void A_negative_balance_spends_nothing()
    {
        var spec = Account(Award(10));
        spec.Given(new EntryCorrected(CommunityId, Guid.NewGuid(), EntryKind.Award, Head, -20, "重复登记", CleanUp, null));
        spec.When(s => HouseholdBalance.Spend(s, Spend(1))).ThenFails("insufficient-points", ErrorKind.Conflict);
    }

    [Fact]
    public void Another_communitys_household_cannot_pay_and_is_not_found() =>
        Account(Award(100)).When(s => HouseholdBalance.Spend(s, Spend(10, communityId: "other")))
            .ThenFails("household-not-found", ErrorKind.NotFound);

    [Fact]
    public void A_name_that_is_not_a_member_cannot_pay() =>
        Account(Award(100)).When(s => HouseholdBalance.Spend(s, Spend(10, member: "王五")))
            .ThenFails("member-not-found", ErrorKind.Unprocessable);

    [Fact]
    public void A_refund_gives_back_what_the_receipt_took_even_when_the_balance_is_negative()
    {
        var spec = Account(Award(10), new PointsRedeemed(CommunityId, Rid, 10, Head, "x"));
        spec.Given(new EntryCorrected(CommunityId, Guid.NewGuid(), EntryKind.Award, Head, -10, "重复登记", CleanUp, null));
        spec.When(s => HouseholdBalance.Refund(s, new RefundPoints(CommunityId, Passbook, Head, Rid, 10, "x", "扫错了存折")))
            .Then(new PointsRefunded(CommunityId, Rid, 10, Head, "x", "扫错了存折"));
    }

    [Fact]
    public void The_balance_after_a_spend_and_its_refund_is_what_it_was()
    {
        var spec = Account(Award(100));
        spec.Given(new PointsRedeemed(CommunityId, Rid, 60, Head, "x"));
        Assert.Equal(40, spec.State.Balance);
        spec.Given(new PointsRefunded(CommunityId, Rid, 60, Head, "x", "扫错了存折"));
        Assert.Equal(100, spec.State.Balance);
    }
}
