using Ledger.Common;
using Ledger.Households.GetHousehold;
using Redemption.Catalog.GetCatalog;
using Ledger.EventStore;
using Redemption.Common;
using Redemption.Redemptions.CancelRedemption;
using Ledger.Testing;
using static Redemption.Tests.Domain.Support.TestData;
using static Redemption.Tests.Handlers.Shop;

namespace Redemption.Tests.Handlers;

/// <summary>
/// Redemptions load through stream-state caches. A cached state is only a starting point: a sale decided on it stands
/// only if the append's expected versions find the streams where the cache left them; otherwise, and before any refusal,
/// what another server appended since is read and the decision taken again.
/// </summary>
public abstract class StreamCacheTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    [Fact]
    public async Task A_server_with_stale_caches_never_sells_stock_or_points_that_another_server_took()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(balance: 500, households: 2);
        Ok(await shop.RedeemAsync(Clerk(), PassbookOf(1), (Rice, 1)));
        // The cache keeps the rice as the committed sale left it.
        Assert.Equal(9L, shop.Caches.Items.Get(RedemptionStreams.CatalogItem(CommunityId, Rice)).State.OnHand);

        var other = shop.OtherServer();
        Ok(await other.RedeemAsync(Clerk(counter: 2), PassbookOf(2), (Rice, 9)));
        Ok(await other.RedeemAsync(Clerk(counter: 2), PassbookOf(1), (Housekeeping, 5)));

        // This server's caches hold the rice and the household as its own sale left them (9 bags, 470 points); the store says 0 and 70.
        Fails(await shop.RedeemAsync(Clerk(), PassbookOf(1), (Rice, 1)), "out-of-stock");
        Fails(await shop.RedeemAsync(Clerk(), PassbookOf(1), (Housekeeping, 1)), "insufficient-points");
        Assert.Equal(20L, Ok(await shop.RedeemAsync(Clerk(), PassbookOf(1), (Oil, 1))).Balance);
        Assert.Equal(20L, Ok(await shop.Send(new GetHouseholdQuery(PassbookOf(1)), Committee())).Balance);
        Assert.Equal(0L, Ok(await shop.Send(new GetCatalogItemQuery(CommunityId, Rice), Clerk())).Stock);
    }

    [Fact]
    public async Task A_server_whose_cache_is_behind_a_refund_sells_with_the_refunded_points_instead_of_refusing()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(balance: 500);
        var first = Ok(await shop.RedeemAsync(Clerk(), Passbook, (Rice, 1)));
        Ok(await shop.OtherServer().Send(new CancelRedemptionCommand(first.RedemptionId, "扫错了存折"), Committee()));

        // This server's cache says 470 points; the store says 500 after the refund. 480 points of housekeeping must sell.
        var receipt = Ok(await shop.RedeemAsync(Clerk(), Passbook, (Housekeeping, 6)));

        Assert.Equal(20L, receipt.Balance);
        Assert.Equal(20L, Ok(await shop.Send(new GetHouseholdQuery(Passbook), Committee())).Balance);
    }

    [Fact]
    public async Task A_counter_serving_a_household_again_reads_nothing_from_the_store()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(balance: 500);
        Ok(await shop.RedeemAsync(Clerk(), Passbook, (Rice, 1)));
        var reads = new List<string>();
        var counted = shop.Through(store => new ReadCountingStore(store, reads));

        Assert.Equal(440L, Ok(await counted.RedeemAsync(Clerk(), Passbook, (Rice, 1))).Balance);

        // The append's expected versions vouch for the cached household and rice; of the community the sale uses only what
        // its registration fixed for good.
        Assert.Empty(reads);
        Assert.Equal(440L, Ok(await shop.Send(new GetHouseholdQuery(Passbook), Committee())).Balance);
        Assert.Equal(8L, Ok(await shop.Send(new GetCatalogItemQuery(CommunityId, Rice), Clerk())).Stock);
    }

    [Fact]
    public async Task Two_servers_selling_the_same_item_at_once_to_the_same_households_never_oversell_or_overdraw()
    {
        // Each server queues its own requests; between servers only the expected versions referee.
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(balance: 250, households: 2);
        var servers = new[] { shop, shop.OtherServer() };

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            servers[i % 2].RedeemAsync(Clerk(counter: i), PassbookOf(i / 2 % 2 + 1), (Rice, 1)))));

        // 10 bags in stock, each household can pay for 8: exactly 10 sales, 300 points taken in all.
        Assert.Equal(10, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Contains(r.Error!.Type, new[] { "out-of-stock", "insufficient-points" }));
        Assert.Equal(0L, Ok(await shop.Send(new GetCatalogItemQuery(CommunityId, Rice), Clerk())).Stock);
        var balances = new List<long>();
        foreach (var passbook in new[] { PassbookOf(1), PassbookOf(2) })
        {
            balances.Add(Ok(await shop.Send(new GetHouseholdQuery(passbook), Committee())).Balance);
        }

        Assert.Equal(200L, balances.Sum());
        Assert.All(balances, b => Assert.True(b >= 10));
    }

    [Fact]
    public async Task A_cached_state_ahead_of_the_store_is_dropped_on_the_conflict_and_the_redemption_lands_on_the_truth()
    {
        var shop = await Shop.CreateAsync(factory);
        await shop.SeedAsync(balance: 500);
        Ok(await shop.RedeemAsync(Clerk(), Passbook, (Rice, 1)));
        var stream = StreamIds.Household(Passbook);
        var (state, version) = shop.Caches.Households.Get(stream);

        // As after a restore under a running server: the cache describes versions the store no longer has.
        shop.Caches.Households.Remember(stream, version + 5, state);
        var receipt = Ok(await shop.RedeemAsync(Clerk(), Passbook, (Oil, 1)));

        Assert.Equal(420L, receipt.Balance);
        Assert.Equal(version + 1, shop.Caches.Households.Get(stream).Version);
        Assert.Equal(420L, Ok(await shop.Send(new GetHouseholdQuery(Passbook), Committee())).Balance);
    }

    [Fact]
    public async Task Small_caches_stay_within_their_size_and_every_redemption_still_decides_on_the_truth()
    {
        var shop = (await Shop.CreateAsync(factory)).OtherServer(new RedemptionStreamCaches(households: 3, items: 2));
        await shop.SeedAsync(balance: 100, households: 8);

        // Sequential, so the outcome is known: the first ten of sixteen rice sales and car washes land.
        var outcomes = new List<string>();
        for (var round = 0; round < 2; round++)
        {
            for (var n = 1; n <= 8; n++)
            {
                foreach (var sku in new[] { Rice, CarWash })
                {
                    var result = await shop.RedeemAsync(Clerk(), PassbookOf(n), (sku, 1));
                    outcomes.Add(result.IsSuccess ? "ok" : result.Error!.Type);
                    Assert.InRange(shop.Caches.Households.Count, 1, 3);
                    Assert.InRange(shop.Caches.Items.Count, 1, 2);
                }
            }
        }

        Assert.Equal(20, outcomes.Count(o => o == "ok"));
        Assert.Equal(12, outcomes.Count(o => o == "out-of-stock"));
        var balances = new List<long>();
        for (var n = 1; n <= 8; n++)
        {
            balances.Add(Ok(await shop.Send(new GetHouseholdQuery(PassbookOf(n)), Committee())).Balance);
        }

        Assert.Equal([0L, 0L, 50L, 50L, 50L, 50L, 50L, 50L], balances);
        Assert.Equal(0L, Ok(await shop.Send(new GetCatalogItemQuery(CommunityId, Rice), Clerk())).Stock);
        Assert.Equal(0L, Ok(await shop.Send(new GetCatalogItemQuery(CommunityId, CarWash), Clerk())).Stock);
    }
}

/// <summary>Notes every stream a request reads.</summary>
internal sealed class ReadCountingStore(ILedgerStore inner, List<string> reads) : DelegatingEventStore(inner)
{
    public override IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken cancellationToken = default)
    {
        lock (reads)
        {
            reads.Add(streamId);
        }

        return base.ReadStreamAsync(streamId, fromVersion, cancellationToken);
    }
}
