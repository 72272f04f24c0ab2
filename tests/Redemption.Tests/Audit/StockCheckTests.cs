using Ledger.Audit;
using Ledger.EventStore;
using Ledger.HonorRolls.PublishHonorRoll;
using Ledger.Households.AwardPoints;
using Redemption.Audit;
using Redemption.Catalog;
using Redemption.Catalog.ReceiveStock;
using Redemption.Common;
using Redemption.Redemptions;
using Redemption.Redemptions.CancelRedemption;
using Redemption.Tests.Handlers;
using Ledger.Testing;
using static Redemption.Tests.Domain.Support.TestData;
using static Redemption.Tests.Handlers.Shop;

namespace Redemption.Tests.Audit;

/// <summary>
/// The stock check, and every domain check together on a busy supermarket: silent on what the handlers wrote, loud on
/// stock a forger moved by appending straight through the store, or on a catalogue read model changed behind its back.
/// </summary>
public abstract class StockCheckTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private static readonly EventMetadata Forger = new("key:forger");

    private static async Task<IReadOnlyList<AuditProblem>> VerifyAsync(Shop shop) =>
        (await new AuditReplay(shop.Store,
        [
            new PointsConservationCheck(shop.Registry), new NegativeBalanceCheck(shop.Registry),
            new HonorRollCheck(shop.Store, shop.Registry), new StockConservationCheck(shop.Store), new ProjectionsCheck(shop.Projections),
        ]).RunAsync()).Problems;

    private async Task<Shop> BusyShopAsync()
    {
        var shop = await CreateAsync(factory);
        await shop.SeedAsync(balance: 300, households: 3);
        var receipts = new List<RedemptionResponse>();
        foreach (var (n, lines) in new[] { (1, new[] { (Rice, 2) }), (2, [(Oil, 1), (CarWash, 2)]), (3, [(Rice, 1), (Housekeeping, 1)]), (1, [(Oil, 2)]) })
        {
            receipts.Add(Ok(await shop.RedeemAsync(Clerk(), PassbookOf(n), lines)));
        }

        Ok(await shop.Send(new CancelRedemptionCommand(receipts[1].RedemptionId, "顾客退回"), Committee()));
        Ok(await shop.Send(new ReceiveStockCommand(CommunityId, Oil, 4), Clerk()));
        Ok(await shop.Send(new AwardPointsCommand(CommunityId, PassbookOf(2), "bonus"), Committee()));
        Ok(await shop.Send(new PublishHonorRollCommand(CommunityId, "2025-03", 2), Committee()));
        return shop;
    }

    private static async Task<long> ForgeAsync(Shop shop, string stream, params object[] data)
    {
        var version = (await shop.Store.ReadStreamToListAsync(stream)).Count;
        await shop.Store.AppendAsync(stream, ExpectedVersion.Exactly(version), [.. data.Select(d => shop.Registry.ToNewEvent(d, Forger))]);
        return (await shop.Store.ReadHeadAsync()).Position;
    }

    [Fact]
    public async Task A_busy_supermarket_the_handlers_wrote_passes_every_domain_check()
    {
        var shop = await BusyShopAsync();

        Assert.Empty(await VerifyAsync(shop));
    }

    [Fact]
    public async Task Goods_taken_out_without_a_receipt_and_beyond_the_shelf_are_reported_at_their_position()
    {
        var shop = await BusyShopAsync();
        // Rice: 10 received, 3 sold. Taking 20 more leaves -13 on the shelf, and no receipt says who took them.
        var position = await ForgeAsync(shop, RedemptionStreams.CatalogItem(CommunityId, Rice),
            new CatalogItemRedeemed(CommunityId, Rice, "forged", 1, CatalogItemKind.Goods, 20));

        var problems = await VerifyAsync(shop);

        Assert.All(problems, p => Assert.Equal((AuditProblemKinds.StockNotConserved, $"catalog-{CommunityId}/{Rice}"), (p.Kind, p.Stream)));
        Assert.Equal([position, null], problems.Select(p => p.Position));
        Assert.Contains("below zero", problems[0].Detail);
        Assert.Contains("23 units out and 0 back on its stream, but the receipts say 3 sold and 0 returned", problems[1].Detail);
    }

    [Fact]
    public async Task A_catalogue_read_model_changed_behind_the_ledgers_back_no_longer_follows_from_the_stock_events()
    {
        var shop = await BusyShopAsync();
        await using (var transaction = await shop.Store.BeginReadModelTransactionAsync())
        {
            await using var command = transaction.Connection.CreateCommand();
            command.Transaction = transaction.Transaction;
            command.CommandText = $"UPDATE {CatalogProjection.Table} SET received = received + 5 WHERE sku = '{Oil}'";
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        var problems = await VerifyAsync(shop);

        Assert.Equal(
            [(AuditProblemKinds.StockNotConserved, $"catalog-{CommunityId}/{Oil}"), (AuditProblemKinds.ProjectionDiffers, "catalog")],
            problems.Select(p => (p.Kind, p.Stream)));
        Assert.Contains("received 7 - redeemed 3 + returned 1 = 5, but the catalogue shows received 12", problems[0].Detail);
    }

    [Fact]
    public async Task Appends_after_the_replays_head_do_not_make_the_live_catalogue_look_wrong()
    {
        var shop = await BusyShopAsync();
        var replayed = 0;
        // When the replay shows the check its first event, a counter sells rice: the live catalogue moves past the head
        // the replay stops at.
        var check = new ObservingCheck(new StockConservationCheck(shop.Store), () => { if (replayed++ == 0) SellRice(shop); });

        var report = await new AuditReplay(shop.Store, [check]).RunAsync();

        Assert.Empty(report.Problems);
    }

    private static void SellRice(Shop shop) =>
        Ok(shop.RedeemAsync(Clerk(), PassbookOf(3), (Rice, 1)).GetAwaiter().GetResult());

    private sealed class ObservingCheck(IAuditCheck inner, Action first) : IAuditCheck
    {
        public void Observe(RecordedEvent recorded)
        {
            first();
            inner.Observe(recorded);
        }

        public IAsyncEnumerable<AuditProblem> FinishAsync(CancellationToken cancellationToken) => inner.FinishAsync(cancellationToken);
    }
}

public sealed class SqliteStockCheckTests(SqliteEventStoreFactory factory) : StockCheckTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresStockCheckTests(PostgresEventStoreFactory factory) : StockCheckTests<PostgresEventStoreFactory>(factory);
