using Ledger.Households;
using Ledger.Common;
using Redemption.Catalog;
using Redemption.Redemptions;
using Redemption.Redemptions.CancelRedemption;
using Redemption.Tests.Domain.Support;
using static Redemption.Tests.Domain.Support.TestData;

namespace Redemption.Tests.Domain;

public sealed class CancelSpecs
{
    private static readonly RedemptionLine CarWashLine =
        new(CarWash, "洗车", CatalogItemKind.Service, 1, 20, 2, 40, [$"{Rid}-1", $"{Rid}-2"]);

    private static readonly DecisionContext Committee = new("key:committee01", "评议小组", Now.AddHours(3));

    private static DeciderSpec<RedemptionState> Redemption(params object[] given) =>
        new DeciderSpec<RedemptionState>(RedemptionState.Initial, RedemptionState.Evolve).Given(given);

    private static Result<IReadOnlyList<object>> Cancel(RedemptionState state, DecisionContext? by = null)
    {
        var decided = RedemptionDecider.Decide(new CancelRedemptionCommand(Rid, "扫错了存折"), state, Payer(), by ?? Committee, "Asia/Shanghai");
        return decided.IsSuccess
            ? Result.Ok<IReadOnlyList<object>>([decided.Value.Cancellation, .. decided.Value.Refund, .. decided.Value.Items])
            : decided.Error;
    }

    private static VoucherFulfilled Fulfilled(string voucherId) =>
        new(Rid, CommunityId, voucherId, CarWash, ClerkId, ClerkName, Now.AddHours(1), new DateOnly(2025, 3, 15));

    [Fact]
    public void Cancelling_refunds_every_point_to_the_member_and_returns_every_unit_by_sku() =>
        Redemption(Recorded(RiceLine(2), CarWashLine) with { Member = Spouse })
            .When(s => Cancel(s))
            .Then(
                new RedemptionCancelled(Rid, CommunityId, Passbook, 100, "扫错了存折", "key:committee01", "评议小组", Now.AddHours(3),
                    new DateOnly(2025, 3, 15)),
                new PointsRefunded(CommunityId, Rid, 100, Spouse, "东北大米 5kg ×2、洗车 ×2", "扫错了存折"),
                new CatalogItemReturned(CommunityId, CarWash, Rid, CatalogItemKind.Service, 2),
                new CatalogItemReturned(CommunityId, Rice, Rid, CatalogItemKind.Goods, 2));

    [Fact]
    public void Cancelling_twice_is_refused()
    {
        var spec = Redemption(Recorded(RiceLine(2)));
        spec.Given(RedemptionDecider.Decide(new CancelRedemptionCommand(Rid, "x"), spec.State, Payer(), Committee, "Asia/Shanghai").Value!.Cancellation);
        spec.When(s => Cancel(s)).ThenFails("already-cancelled", ErrorKind.Conflict);
    }

    [Fact]
    public void An_unknown_redemption_is_not_found() =>
        Redemption().When(s => Cancel(s)).ThenFails("redemption-not-found", ErrorKind.NotFound);

    [Fact]
    public void A_redemption_with_a_fulfilled_voucher_cannot_be_cancelled()
    {
        var error = Redemption(Recorded(CarWashLine), Fulfilled($"{Rid}-2")).When(s => Cancel(s))
            .ThenFails("voucher-fulfilled", ErrorKind.Conflict);
        Assert.Equal($"{Rid}-2", error.Extensions!["voucherId"]);
    }

    [Fact]
    public void A_redemption_whose_vouchers_are_all_open_can_be_cancelled_and_its_vouchers_become_void()
    {
        var spec = Redemption(Recorded(CarWashLine));
        spec.Given(RedemptionDecider.Decide(new CancelRedemptionCommand(Rid, "x"), spec.State, Payer(), Committee, "Asia/Shanghai").Value!.Cancellation);

        var receipt = RedemptionReceipt.From(spec.State);

        Assert.Equal(RedemptionStatus.Cancelled, receipt.Status);
        Assert.All(receipt.Vouchers, v => Assert.Equal(VoucherStatus.Cancelled, v.Status));
    }

    [Fact]
    public void The_day_of_a_cancellation_is_the_communitys_calendar_day()
    {
        var lateAtNight = Committee with { Now = new DateTimeOffset(2025, 3, 15, 16, 30, 0, TimeSpan.Zero) };
        var cancelled = (RedemptionCancelled)Cancel(Redemption(Recorded(RiceLine(1))).State, lateAtNight).Value![0];
        Assert.Equal(new DateOnly(2025, 3, 16), cancelled.Day);
    }
}
