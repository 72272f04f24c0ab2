using Redemption.Catalog;
using Redemption.Redemptions;
using Redemption.Redemptions.CancelRedemption;
using Redemption.Redemptions.ListHouseholdRedemptions;
using Redemption.Vouchers.FulfilVoucher;
using Ledger.Testing;
using static Redemption.Tests.Domain.Support.TestData;
using static Redemption.Tests.Handlers.Shop;

namespace Redemption.Tests.Handlers;

/// <summary>A household's recent redemptions, read from the redemption log, so a clerk can cancel without typing an id.</summary>
public abstract class HouseholdRedemptionsTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    [Fact]
    public async Task A_household_s_redemptions_come_newest_first_with_lines_vouchers_and_status()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(households: 2);
        var first = Ok(await shop.RedeemAsync(Clerk(), Passbook, (Rice, 1), (CarWash, 2)));
        Ok(await shop.RedeemAsync(Clerk(), PassbookOf(2), (Oil, 1)));
        var second = Ok(await shop.RedeemAsync(Clerk(counter: 2), Passbook, (Oil, 1)));
        Ok(await shop.Send(new FulfilVoucherCommand(first.Vouchers[0].VoucherId), Clerk()));
        Ok(await shop.Send(new CancelRedemptionCommand(second.RedemptionId, "顾客改主意"), Clerk()));

        var list = Ok(await shop.Send(new ListHouseholdRedemptionsQuery(Passbook, null), Clerk()));

        Assert.Equal((Passbook, CommunityId, 20), (list.Passbook, list.CommunityId, list.Limit));
        Assert.Equal([second.RedemptionId, first.RedemptionId], list.Redemptions.Select(r => r.RedemptionId));
        var (cancelled, standing) = (list.Redemptions[0], list.Redemptions[1]);
        Assert.Equal((RedemptionStatus.Cancelled, 50L, "顾客改主意"), (cancelled.Status, cancelled.Points, cancelled.Cancellation!.Reason));
        Assert.Equal((RedemptionStatus.Completed, 70L, null), (standing.Status, standing.Points, standing.Cancellation));
        Assert.Equal([(Rice, CatalogItemKind.Goods, 1L, 30L), (CarWash, CatalogItemKind.Service, 2L, 40L)],
            standing.Lines.Select(l => (l.Sku, l.Kind, l.Quantity, l.Points)));
        Assert.Equal([VoucherStatus.Fulfilled, VoucherStatus.Open], standing.Vouchers.Select(v => v.Status));
        Assert.Equal(first.Vouchers.Select(v => v.VoucherId), standing.Vouchers.Select(v => v.VoucherId));
        Assert.Equal((first.At, first.Day, ClerkName), (standing.At, standing.Day, standing.ClerkName));
    }

    [Fact]
    public async Task The_limit_keeps_the_newest_and_their_lines_only()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();
        var receipts = new List<RedemptionResponse>();
        for (var i = 0; i < 4; i++)
        {
            receipts.Add(Ok(await shop.RedeemAsync(Clerk(), Passbook, (Housekeeping, 1))));
        }

        var list = Ok(await shop.Send(new ListHouseholdRedemptionsQuery(Passbook, 2), Clerk()));

        Assert.Equal([receipts[3].RedemptionId, receipts[2].RedemptionId], list.Redemptions.Select(r => r.RedemptionId));
        Assert.All(list.Redemptions, r => Assert.Single(r.Lines));
        Assert.All(list.Redemptions, r => Assert.Equal(r.RedemptionId + "-1", Assert.Single(r.Vouchers).VoucherId));
    }

    [Fact]
    public async Task A_household_that_never_redeemed_has_an_empty_list()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(households: 2);
        Ok(await shop.RedeemAsync(Clerk(), PassbookOf(1), (Rice, 1)));

        Assert.Empty(Ok(await shop.Send(new ListHouseholdRedemptionsQuery(PassbookOf(2), null), Clerk())).Redemptions);
    }

    [Fact]
    public async Task Only_the_household_s_community_and_auditors_see_its_redemptions()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();
        Ok(await shop.RedeemAsync(Clerk(), Passbook, (Rice, 1)));

        Assert.Single(Ok(await shop.Send(new ListHouseholdRedemptionsQuery(Passbook, 5), Auditor)).Redemptions);
        Assert.Single(Ok(await shop.Send(new ListHouseholdRedemptionsQuery(Passbook, 5), Committee())).Redemptions);
        Fails(await shop.Send(new ListHouseholdRedemptionsQuery(Passbook, 5), Clerk(OtherCommunityId)), "household-not-found");
        Fails(await shop.Send(new ListHouseholdRedemptionsQuery("JH-9999", 5), Clerk()), "household-not-found");
    }
}
