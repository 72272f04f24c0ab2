using Ledger.Common;
using Redemption.Catalog;
using Redemption.Common;
using Redemption.Redemptions;
using Redemption.Redemptions.CancelRedemption;
using Redemption.Tests.Domain.Support;
using Redemption.Vouchers;
using Redemption.Vouchers.FulfilVoucher;
using static Redemption.Tests.Domain.Support.TestData;

namespace Redemption.Tests.Domain;

public sealed class VoucherSpecs
{
    private static readonly RedemptionLine CarWashLine =
        new(CarWash, "洗车", CatalogItemKind.Service, 1, 20, 2, 40, [$"{Rid}-1", $"{Rid}-2"]);

    private static DeciderSpec<RedemptionState> Redemption(params object[] given) =>
        new DeciderSpec<RedemptionState>(RedemptionState.Initial, RedemptionState.Evolve).Given(given);

    private static Result<IReadOnlyList<IRedemptionEvent>> Fulfil(RedemptionState state, string voucherId) =>
        VoucherDecider.Decide(new FulfilVoucherCommand(voucherId), state, ClerkContext(Now.AddHours(2)), "Asia/Shanghai");

    [Fact]
    public void Fulfilling_an_open_voucher_records_its_service_and_who_delivered_it() =>
        Redemption(Recorded(CarWashLine)).When(s => Fulfil(s, $"{Rid}-2")).Then(
            new VoucherFulfilled(Rid, CommunityId, $"{Rid}-2", CarWash, ClerkId, ClerkName, Now.AddHours(2), new DateOnly(2025, 3, 15)));

    [Fact]
    public void A_voucher_is_fulfilled_once()
    {
        var spec = Redemption(Recorded(CarWashLine));
        spec.Given(Fulfil(spec.State, $"{Rid}-1").Value![0]);
        spec.When(s => Fulfil(s, $"{Rid}-1")).ThenFails("voucher-already-fulfilled", ErrorKind.Conflict);
        spec.When(s => Fulfil(s, $"{Rid}-2")).Then(
            new VoucherFulfilled(Rid, CommunityId, $"{Rid}-2", CarWash, ClerkId, ClerkName, Now.AddHours(2), new DateOnly(2025, 3, 15)));
    }

    [Fact]
    public void A_voucher_of_a_cancelled_redemption_is_void()
    {
        var spec = Redemption(Recorded(CarWashLine));
        spec.Given(RedemptionDecider.Decide(new CancelRedemptionCommand(Rid, "x"), spec.State, Payer(), ClerkContext(), "Asia/Shanghai").Value!.Cancellation);
        spec.When(s => Fulfil(s, $"{Rid}-1")).ThenFails("redemption-cancelled", ErrorKind.Conflict);
    }

    [Fact]
    public void A_voucher_number_the_redemption_never_issued_is_not_found() =>
        Redemption(Recorded(CarWashLine)).When(s => Fulfil(s, $"{Rid}-3")).ThenFails("voucher-not-found", ErrorKind.NotFound);

    [Fact]
    public void Goods_issue_no_vouchers() =>
        Redemption(Recorded(RiceLine(2))).When(s => Fulfil(s, $"{Rid}-1")).ThenFails("voucher-not-found", ErrorKind.NotFound);

    [Theory]
    [InlineData("0195a3b4c0de7000800000000000abcd-1", true)]
    [InlineData("0195a3b4c0de7000800000000000abcd-50000", true)]
    [InlineData("0195a3b4c0de7000800000000000abcd-0", false)]
    [InlineData("0195a3b4c0de7000800000000000abcd", false)]
    [InlineData("0195A3B4C0DE7000800000000000ABCD-1", false)]
    [InlineData("rice-1", false)]
    public void A_voucher_id_is_its_redemption_id_and_a_unit_number(string voucherId, bool valid)
    {
        Assert.Equal(valid, RedemptionIds.TryParseVoucher(voucherId, out var redemptionId));
        Assert.Equal(valid ? Rid : "", redemptionId);
    }
}
