using Ledger.Households;
using Ledger.Common;
using Ledger.Households.GetHousehold;
using Redemption.Catalog.GetCatalog;
using Redemption.Redemptions.Redeem;
using Ledger.Testing;
using static Redemption.Tests.Domain.Support.TestData;
using static Redemption.Tests.Handlers.Shop;

namespace Redemption.Tests.Handlers;

public abstract class RedeemHandlerTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    [Fact]
    public async Task A_redemption_appends_the_receipt_the_payment_and_the_stock_out_together_as_the_clerk()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();
        var head = (await shop.Store.ReadHeadAsync()).Position;

        var receipt = Ok(await shop.RedeemAsync(Clerk(), Passbook, (Rice, 2), (CarWash, 1)));

        var appended = (await shop.ReadAllAsync()).Where(e => e.Position > head).ToList();
        Assert.Equal(
            [($"redemption-{receipt.RedemptionId}", "RedemptionRecorded.v1"), ("household-JH-0001", "PointsRedeemed.v1"),
             ("catalog-jinhai/car-wash", "CatalogItemRedeemed.v1"), ("catalog-jinhai/rice-5kg", "CatalogItemRedeemed.v1")],
            appended.Select(e => (e.StreamId, e.Type)));
        Assert.Single(appended.Select(e => e.RecordedAt).Distinct());
        Assert.All(appended, e => Assert.Equal(Clerk().Id, e.Metadata.Principal));
        Assert.Equal((80L, 420L, 1), (receipt.Points, receipt.Balance, receipt.Vouchers.Count));
        Assert.Equal(420L, Ok(await shop.Send(new GetHouseholdQuery(Passbook), Committee())).Balance);
        var catalog = Ok(await shop.Send(new GetCatalogQuery(CommunityId), Clerk())).Items.ToDictionary(i => i.Sku);
        Assert.Equal((8L, 9L), (catalog[Rice].Stock, catalog[CarWash].Stock));
    }

    [Fact]
    public async Task A_redemption_without_an_idempotency_key_is_refused_and_changes_nothing()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();
        var head = (await shop.Store.ReadHeadAsync()).Position;

        Fails(await shop.Send(new RedeemCommand(CommunityId, Passbook, null, [new RedeemLine(Rice, 1)]), Clerk(), noKey: true),
            "idempotency-key-required");

        Assert.Equal(head, (await shop.Store.ReadHeadAsync()).Position);
    }

    [Fact]
    public async Task A_retried_redemption_answers_the_first_receipt_and_charges_once_even_when_deciding_again_would_fail()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();
        var command = new RedeemCommand(CommunityId, Passbook, null, [new RedeemLine(Oil, 3)]);

        var first = Ok(await shop.Send(command, Clerk(), "till-1-0001"));
        var retry = Ok(await shop.Send(command, Clerk(), "till-1-0001"));

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first), System.Text.Json.JsonSerializer.Serialize(retry));
        Assert.Equal(350L, Ok(await shop.Send(new GetHouseholdQuery(Passbook), Committee())).Balance);
        Assert.Single(await shop.ReadAllAsync(), e => e.Type == "RedemptionRecorded.v1");
        Fails(await shop.Send(command, Clerk(), "till-1-0002"), "out-of-stock");
    }

    [Fact]
    public async Task The_same_key_for_another_basket_is_refused()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();
        Ok(await shop.Send(new RedeemCommand(CommunityId, Passbook, null, [new RedeemLine(Rice, 1)]), Clerk(), "k", "hash-a"));

        Fails(await shop.Send(new RedeemCommand(CommunityId, Passbook, null, [new RedeemLine(Rice, 2)]), Clerk(), "k", "hash-b"),
            "idempotency-key-reused");
        Assert.Equal(470L, Ok(await shop.Send(new GetHouseholdQuery(Passbook), Committee())).Balance);
    }

    [Fact]
    public async Task A_refused_redemption_changes_nothing()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(balance: 40);
        var head = (await shop.Store.ReadHeadAsync()).Position;

        Fails(await shop.RedeemAsync(Clerk(), Passbook, (Rice, 1), (CarWash, 1)), "insufficient-points");
        Fails(await shop.RedeemAsync(Clerk(), Passbook, (Oil, 4)), "out-of-stock");
        Fails(await shop.RedeemAsync(Clerk(), "JH-9999", (Rice, 1)), "household-not-found");

        Assert.Equal(head, (await shop.Store.ReadHeadAsync()).Position);
    }

    [Fact]
    public async Task Only_a_clerk_of_the_community_redeems()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync();

        Fails(await shop.RedeemAsync(Committee(), Passbook, (Rice, 1)), "forbidden");
        Fails(await shop.RedeemAsync(Clerk(OtherCommunityId), Passbook, (Rice, 1)), "forbidden");
        Fails(await shop.RedeemAsync(Auditor, Passbook, (Rice, 1)), "forbidden");
    }

    [Fact]
    public async Task Simultaneous_baskets_for_one_household_never_overdraw_it()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(balance: 250);

        // 250 points pay for 8 bags of rice at 30 (10 left over): of 12 clerks at once, exactly 4 are refused.
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => shop.RedeemAsync(Clerk(counter: i), Passbook, (Rice, 1)))));

        Assert.Equal(8, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("insufficient-points", r.Error!.Type));
        Assert.Equal(10L, Ok(await shop.Send(new GetHouseholdQuery(Passbook), Committee())).Balance);
        Assert.Equal(2L, Ok(await shop.Send(new GetCatalogItemQuery(CommunityId, Rice), Clerk())).Stock);
    }

    [Fact]
    public async Task The_last_slot_of_a_service_is_never_sold_twice()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(households: 12);

        var results = await Task.WhenAll(Enumerable.Range(1, 12)
            .Select(i => Task.Run(() => shop.RedeemAsync(Clerk(counter: i), PassbookOf(i), (CarWash, 1)))));

        Assert.Equal(10, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("out-of-stock", r.Error!.Type));
        Assert.Equal(0L, Ok(await shop.Send(new GetCatalogItemQuery(CommunityId, CarWash), Clerk())).Stock);
    }
}
