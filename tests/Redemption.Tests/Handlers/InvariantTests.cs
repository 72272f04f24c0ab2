using System.Text.Json;
using Ledger.EventStore;
using Ledger.Households.GetHousehold;
using Redemption.Catalog;
using Redemption.Catalog.GetCatalog;
using Redemption.Catalog.ReceiveStock;
using Redemption.Common;
using Redemption.Redemptions;
using Redemption.Redemptions.CancelRedemption;
using Redemption.ShiftClose;
using Redemption.Vouchers.ListVouchers;
using Ledger.Testing;
using static Redemption.Tests.Domain.Support.TestData;
using static Redemption.Tests.Handlers.Shop;

namespace Redemption.Tests.Handlers;

/// <summary>
/// After a burst of concurrent redemptions, cancellations and receipts, the auditor's identities hold: per item,
/// received - goods redeemed + goods returned = on hand; per household, the balance moved exactly by what was redeemed
/// and refunded; and every read model rebuilt from the events equals the live one.
/// </summary>
public abstract class InvariantTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static readonly (string Sku, int Quantity)[][] Baskets =
        [[(Rice, 1)], [(Oil, 1), (Rice, 1)], [(CarWash, 2)], [(Housekeeping, 1), (Rice, 2)], [(Oil, 2)], [(CarWash, 1), (Oil, 1)]];

    [Fact]
    public async Task Stock_balances_and_read_models_follow_from_the_events_after_a_concurrent_burst()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(balance: 300, households: 4);

        var sales = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() =>
            shop.RedeemAsync(Clerk(counter: i % 3), PassbookOf(i % 4 + 1), Baskets[i % Baskets.Length]))));
        var receipts = sales.Where(s => s.IsSuccess).Select(s => s.Value!).ToList();
        var work = receipts.Where((_, i) => i % 2 == 0)
            .Select(r => Task.Run(async () => { Ok(await shop.Send(new CancelRedemptionCommand(r.RedemptionId, "盘点撤销"), Committee())); }))
            .Concat(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => { Ok(await shop.Send(new ReceiveStockCommand(CommunityId, Rice, 3), Clerk())); })));
        await Task.WhenAll(work);

        Assert.All(sales.Where(s => !s.IsSuccess), s => Assert.Contains(s.Error!.Type, new[] { "out-of-stock", "insufficient-points" }));
        var events = await shop.ReadAllAsync();
        await AssertStockIdentityAsync(shop, events);
        await AssertBalancesMovedByRedemptionsAsync(shop, events);
        await AssertRebuiltReadModelsEqualLiveAsync(shop);
    }

    private static async Task AssertStockIdentityAsync(Shop shop, IReadOnlyList<RecordedEvent> events)
    {
        var catalog = Ok(await shop.Send(new GetCatalogQuery(CommunityId), Auditor)).Items;
        foreach (var item in catalog)
        {
            var stream = events.Where(e => e.StreamId == RedemptionStreams.CatalogItem(CommunityId, item.Sku)).ToList();
            long Sum<T>(Func<T, long> quantity) => stream.Where(e => e.Type == Ledger.Common.EventNames.Of<T>()).Sum(e => quantity(Read<T>(e)));
            var received = Sum<StockReceived>(r => r.Quantity);
            var redeemed = Sum<CatalogItemRedeemed>(r => r.Quantity);
            var returned = Sum<CatalogItemReturned>(r => r.Quantity);
            Assert.Equal((received, redeemed, returned), (item.Received, item.Redeemed, item.Returned));
            if (item.Kind == CatalogItemKind.Goods)
            {
                Assert.Equal(received - redeemed + returned, item.Stock);
                Assert.True(item.Stock >= 0, $"{item.Sku} is oversold");
            }
            else if (item.Capacity is { } capacity)
            {
                Assert.InRange(redeemed - returned, 0, capacity);
            }

            var folded = stream.Select(e => Ledger.Common.EventEnvelope.From(e, shop.Registry)).Aggregate(CatalogItemState.Initial, CatalogDecider.Evolve);
            Assert.Equal(CatalogItemResponse.From(folded), item);
        }
    }

    private static async Task AssertBalancesMovedByRedemptionsAsync(Shop shop, IReadOnlyList<RecordedEvent> events)
    {
        var recorded = events.Where(e => e.Type == "RedemptionRecorded.v1").Select(Read<RedemptionRecorded>).ToList();
        var cancelled = events.Where(e => e.Type == "RedemptionCancelled.v1").Select(Read<RedemptionCancelled>).ToList();
        for (var n = 1; n <= 4; n++)
        {
            var passbook = PassbookOf(n);
            var household = Ok(await shop.Send(new GetHouseholdQuery(passbook), Auditor));
            var spent = recorded.Where(r => r.Passbook == passbook).Sum(r => r.Points);
            var refunded = cancelled.Where(c => c.Passbook == passbook).Sum(c => c.Points);
            Assert.Equal((300 - spent + refunded, spent, refunded), (household.Balance, household.Redeemed, household.Refunded));
            Assert.True(household.Balance >= 0, $"{passbook} is overdrawn");
        }
    }

    private static async Task AssertRebuiltReadModelsEqualLiveAsync(Shop shop)
    {
        var before = await SnapshotAsync(shop);
        foreach (var projection in RedemptionModule.InlineProjections())
        {
            Assert.True((await shop.Projections.CompareAsync(projection.Name)).Equal, projection.Name);
            await shop.Projections.RebuildAsync(projection.Name);
        }

        Assert.Equal(before, await SnapshotAsync(shop));
    }

    private static async Task<string> SnapshotAsync(Shop shop)
    {
        var catalog = Ok(await shop.Send(new GetCatalogQuery(CommunityId), Auditor));
        var vouchers = Ok(await shop.Send(new ListVouchersQuery(CommunityId, null), Auditor));
        var shifts = new List<ShiftCloseReport>();
        for (var counter = 0; counter < 3; counter++)
        {
            shifts.Add(Ok(await shop.Send(new GetShiftCloseQuery(CommunityId, new DateOnly(2025, 3, 15), Clerk(counter: counter).Id), Auditor)));
        }

        shifts.Add(Ok(await shop.Send(new GetShiftCloseQuery(CommunityId, new DateOnly(2025, 3, 15), Committee().Id), Auditor)));
        return JsonSerializer.Serialize(new object[] { catalog, vouchers, shifts }, LedgerJson.Options);
    }

    private static T Read<T>(RecordedEvent e) => JsonSerializer.Deserialize<T>(e.Data, LedgerJson.Options)!;
}
