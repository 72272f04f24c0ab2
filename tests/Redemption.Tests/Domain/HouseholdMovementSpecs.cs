using Ledger.Households;
using Ledger.Households.GetStatement;
using Redemption.Redemptions;
using Redemption.Tests.Domain.Support;
using static Redemption.Tests.Domain.Support.TestData;

namespace Redemption.Tests.Domain;

/// <summary>The supermarket's household events move balances through the ledger's own fold, never around it.</summary>
public sealed class HouseholdMovementSpecs
{
    [Fact]
    public void A_redemption_and_its_refund_move_the_balance_exactly_by_their_points()
    {
        var redeemed = new PointsRedeemed(CommunityId, Rid, 60, Spouse, "东北大米 5kg ×2");
        var refunded = new PointsRefunded(CommunityId, Rid, 60, Spouse, "东北大米 5kg ×2", "扫错了存折");

        var afterRedemption = HouseholdAccounts.Read(Envelopes.Of(Now, [Opened(), Award(100), redeemed]))!;
        var afterRefund = HouseholdAccounts.Read(Envelopes.Of(Now, [Opened(), Award(100), redeemed, refunded]))!;

        Assert.Equal((40L, 60L, 0L), (afterRedemption.Balance, afterRedemption.Redeemed, afterRedemption.Refunded));
        Assert.Equal((100L, 60L, 60L), (afterRefund.Balance, afterRefund.Redeemed, afterRefund.Refunded));
    }

    [Fact]
    public void The_passbook_statement_shows_what_was_redeemed_and_refunded_and_by_whom()
    {
        var events = Envelopes.Of(Now, [
            Opened(), Award(100),
            new PointsRedeemed(CommunityId, Rid, 60, Spouse, "东北大米 5kg ×2"),
            new PointsRefunded(CommunityId, Rid, 60, Spouse, "东北大米 5kg ×2", "扫错了存折"),
        ]);

        var statement = StatementBuilder.Build(events, Community(), new Dictionary<string, string>(), null, null, null);

        var lines = statement.Lines.Skip(1).Select(l => (l.Kind, l.Description, l.Member, l.Points, l.RunningBalance)).ToList();
        Assert.Equal(
            [(StatementLineKind.Redemption, "东北大米 5kg ×2", Spouse, -60L, 40L), (StatementLineKind.Refund, "东北大米 5kg ×2", Spouse, 60L, 100L)],
            lines);
    }

    [Fact]
    public void A_household_that_was_never_opened_has_no_account() =>
        Assert.Null(HouseholdAccounts.Read(Envelopes.Of(Now, [Award(10)])));
}
