using Ledger.Households;
using Ledger.Households.GetHousehold;
using Redemption.Catalog.GetCatalog;
using Redemption.Redemptions;
using Redemption.Redemptions.CancelRedemption;
using Redemption.Redemptions.GetRedemption;
using Redemption.Vouchers.FulfilVoucher;
using Redemption.Vouchers.ListVouchers;
using Ledger.Testing;
using static Redemption.Tests.Domain.Support.TestData;
using static Redemption.Tests.Handlers.Shop;

namespace Redemption.Tests.Handlers;

public abstract class CancelAndVoucherHandlerTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    [Fact]
    public async Task Cancelling_refunds_the_points_and_returns_the_units_in_one_append()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();
        var receipt = Ok(await shop.RedeemAsync(Clerk(), Passbook, (Oil, 2), (CarWash, 2)));
        var head = (await shop.Store.ReadHeadAsync()).Position;

        var cancelled = Ok(await shop.Send(new CancelRedemptionCommand(receipt.RedemptionId, "扫错了存折"), Committee()));

        Assert.Equal((140L, 500L), (cancelled.Points, cancelled.Balance));
        var appended = (await shop.ReadAllAsync()).Where(e => e.Position > head).ToList();
        Assert.Equal(["RedemptionCancelled.v1", "PointsRefunded.v1", "CatalogItemReturned.v1", "CatalogItemReturned.v1"], appended.Select(e => e.Type));
        Assert.Single(appended.Select(e => e.RecordedAt).Distinct());
        var catalog = Ok(await shop.Send(new GetCatalogQuery(CommunityId), Clerk())).Items.ToDictionary(i => i.Sku);
        Assert.Equal((3L, 10L), (catalog[Oil].Stock, catalog[CarWash].Stock));
        var household = Ok(await shop.Send(new GetHouseholdQuery(Passbook), Clerk()));
        Assert.Equal((500L, 140L, 140L), (household.Balance, household.Redeemed, household.Refunded));
        var shown = Ok(await shop.Send(new GetRedemptionQuery(receipt.RedemptionId), Clerk()));
        Assert.Equal((RedemptionStatus.Cancelled, "扫错了存折"), (shown.Status, shown.Cancellation!.Reason));
        Assert.All(shown.Vouchers, v => Assert.Equal(VoucherStatus.Cancelled, v.Status));
    }

    [Fact]
    public async Task Cancelling_twice_is_refused_and_a_retry_with_the_same_key_answers_the_first_cancellation()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();
        var receipt = Ok(await shop.RedeemAsync(Clerk(), Passbook, (Rice, 1)));
        var cancel = new CancelRedemptionCommand(receipt.RedemptionId, "退货");

        var first = Ok(await shop.Send(cancel, Clerk(), "cancel-1"));
        var retried = Ok(await shop.Send(cancel, Clerk(), "cancel-1"));

        Assert.Equal(first.Cancellation, retried.Cancellation);
        Fails(await shop.Send(cancel, Clerk(), "cancel-2"), "already-cancelled");
        Assert.Equal(500L, Ok(await shop.Send(new GetHouseholdQuery(Passbook), Clerk())).Balance);
    }

    [Fact]
    public async Task A_redemption_is_hidden_from_other_communities_and_an_auditor_reads_but_cannot_cancel()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();
        var receipt = Ok(await shop.RedeemAsync(Clerk(), Passbook, (Rice, 1)));

        Fails(await shop.Send(new CancelRedemptionCommand(receipt.RedemptionId, "x"), Clerk(OtherCommunityId)), "redemption-not-found");
        Fails(await shop.Send(new GetRedemptionQuery(receipt.RedemptionId), Committee(OtherCommunityId)), "redemption-not-found");
        Fails(await shop.Send(new CancelRedemptionCommand(receipt.RedemptionId, "x"), Auditor), "forbidden");
        Assert.Equal(receipt.Points, Ok(await shop.Send(new GetRedemptionQuery(receipt.RedemptionId), Auditor)).Points);
        Fails(await shop.Send(new CancelRedemptionCommand("0195a3b4c0de7000800000000000ffff", "x"), Clerk()), "redemption-not-found");
    }

    [Fact]
    public async Task A_voucher_is_fulfilled_once_and_then_its_redemption_cannot_be_cancelled()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();
        var receipt = Ok(await shop.RedeemAsync(Clerk(), Passbook, (CarWash, 2)));
        var voucher = receipt.Vouchers[0].VoucherId;

        var fulfilled = Ok(await shop.Send(new FulfilVoucherCommand(voucher), Clerk(counter: 2)));

        Assert.Equal((VoucherStatus.Fulfilled, Clerk(counter: 2).Id, CarWash), (fulfilled.Status, fulfilled.FulfilledBy, fulfilled.Sku));
        Fails(await shop.Send(new FulfilVoucherCommand(voucher), Clerk()), "voucher-already-fulfilled");
        Fails(await shop.Send(new CancelRedemptionCommand(receipt.RedemptionId, "x"), Committee()), "voucher-fulfilled");
        var open = Ok(await shop.Send(new ListVouchersQuery(CommunityId, VoucherStatus.Open), Clerk())).Vouchers;
        var done = Ok(await shop.Send(new ListVouchersQuery(CommunityId, VoucherStatus.Fulfilled), Auditor)).Vouchers;
        Assert.Equal([receipt.Vouchers[1].VoucherId], open.Select(v => v.VoucherId));
        Assert.Equal([voucher], done.Select(v => v.VoucherId));
    }

    [Fact]
    public async Task Vouchers_are_hidden_from_other_communities_and_unknown_ids_are_not_found()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();
        var receipt = Ok(await shop.RedeemAsync(Clerk(), Passbook, (CarWash, 1)));

        Fails(await shop.Send(new FulfilVoucherCommand(receipt.Vouchers[0].VoucherId), Clerk(OtherCommunityId)), "voucher-not-found");
        Fails(await shop.Send(new FulfilVoucherCommand(receipt.Vouchers[0].VoucherId), Auditor), "forbidden");
        Fails(await shop.Send(new FulfilVoucherCommand($"{receipt.RedemptionId}-9"), Clerk()), "voucher-not-found");
        Fails(await shop.Send(new FulfilVoucherCommand("not-a-voucher"), Clerk()), "voucher-not-found");
    }

    [Fact]
    public async Task A_cancellation_and_a_fulfilment_racing_on_one_redemption_never_both_land()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(balance: 1000);
        for (var round = 0; round < 8; round++)
        {
            var receipt = Ok(await shop.RedeemAsync(Clerk(), Passbook, (Housekeeping, 1)));

            var cancel = Task.Run(() => shop.Send(new CancelRedemptionCommand(receipt.RedemptionId, "race"), Committee()));
            var fulfil = Task.Run(() => shop.Send(new FulfilVoucherCommand(receipt.Vouchers[0].VoucherId), Clerk(counter: 2)));
            var (cancelled, fulfilled) = (await cancel, await fulfil);

            Assert.True(cancelled.IsSuccess ^ fulfilled.IsSuccess, $"round {round}: exactly one of them lands");
            Assert.Equal(cancelled.IsSuccess ? "redemption-cancelled" : "voucher-fulfilled",
                cancelled.IsSuccess ? fulfilled.Error!.Type : cancelled.Error!.Type);
        }
    }
}
