using Ledger.Audit;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.RegisterPartner;
using Ledger.EventStore;
using Ledger.Testing;
using Redemption.Audit;
using Redemption.Catalog;
using Redemption.Catalog.ListCatalogItem;
using Redemption.Common;
using Redemption.Partners;
using Redemption.Redemptions;
using Redemption.Redemptions.CancelRedemption;
using Redemption.Tests.Handlers;
using Redemption.Vouchers.FulfilVoucher;
using static Redemption.Tests.Domain.Support.TestData;
using static Redemption.Tests.Handlers.Shop;

namespace Redemption.Tests.Audit;

/// <summary>
/// The settlement check: silent on what the handlers wrote, loud on a fulfilment a forger appended straight through the
/// store (a voucher served twice) or on a settlement read model changed behind the ledger's back.
/// </summary>
public abstract class SettlementCheckTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : class, IEventStoreFactory
{
    private const string Barber = "barber";
    private static readonly Principal BarberKey = new("key:barber", Role.Partner, CommunityId, "长者发屋", Barber);

    private static async Task<IReadOnlyList<AuditProblem>> VerifyAsync(Shop shop) =>
        (await new AuditReplay(shop.Store, [new SettlementCheck(shop.Store), new StockConservationCheck(shop.Store)]).RunAsync()).Problems;

    // The barber provides the car wash at 8.00 yuan, then at 9.00; three washes sold at each price, one sale cancelled,
    // four served (two by the barber, two at the counter).
    private async Task<(Shop Shop, string[] Served)> SettledShopAsync()
    {
        var shop = await CreateAsync(factory);
        await shop.SeedAsync(balance: 500, households: 2);
        Ok(await shop.Send(new RegisterPartnerCommand(CommunityId, Barber, "长者发屋", PartnerKind.Merchant), Committee()));
        Ok(await shop.Send(new ListCatalogItemCommand(CommunityId, CarWash, "洗车", CatalogItemKind.Service, 20, null, 10, Barber, 800), Committee()));
        var first = Ok(await shop.RedeemAsync(Clerk(), PassbookOf(1), (CarWash, 2)));
        var cancelled = Ok(await shop.RedeemAsync(Clerk(), PassbookOf(2), (CarWash, 1)));
        Ok(await shop.Send(new CancelRedemptionCommand(cancelled.RedemptionId, "顾客改期"), Committee()));
        Ok(await shop.Send(new ListCatalogItemCommand(CommunityId, CarWash, "洗车", CatalogItemKind.Service, 20, null, 10, Barber, 900), Committee()));
        var second = Ok(await shop.RedeemAsync(Clerk(), PassbookOf(2), (CarWash, 2)));
        string[] served = [.. first.Lines[0].Vouchers, .. second.Lines[0].Vouchers];
        Ok(await shop.Send(new FulfilVoucherCommand(served[0]), BarberKey));
        Ok(await shop.Send(new FulfilVoucherCommand(served[1]), BarberKey));
        Ok(await shop.Send(new FulfilVoucherCommand(served[2]), Clerk()));
        Ok(await shop.Send(new FulfilVoucherCommand(served[3]), Clerk()));
        return (shop, served);
    }

    [Fact]
    public async Task Vouchers_the_handlers_served_and_settled_at_two_prices_pass_and_add_up()
    {
        var (shop, _) = await SettledShopAsync();
        var month = LedgerPeriodOf(shop);

        var settlement = await PartnerVouchers.SettlementAsync(shop.Store, CommunityId, Barber, month, default);

        Assert.Empty(await VerifyAsync(shop));
        var line = Assert.Single(settlement);
        Assert.Equal((4L, 80L, 800L + 800L + 900L + 900L), (line.Count, line.Points, line.AmountFen));
    }

    [Fact]
    public async Task A_voucher_a_forger_marks_served_a_second_time_is_reported_at_its_position()
    {
        var (shop, served) = await SettledShopAsync();
        RedemptionIds.TryParseVoucher(served[0], out var redemptionId);
        var stream = RedemptionStreams.Redemption(redemptionId);
        var version = (await shop.Store.ReadStreamToListAsync(stream)).Count;
        await shop.Store.AppendAsync(stream, ExpectedVersion.Exactly(version), [shop.Registry.ToNewEvent(
            new VoucherFulfilled(redemptionId, CommunityId, served[0], CarWash, "key:forger", "伪造", shop.Clock.GetUtcNow(),
                CommunityCalendar.DateOf(shop.Clock.GetUtcNow(), CommunityCalendar.DefaultTimeZone)),
            new EventMetadata("key:forger"))]);
        var position = (await shop.Store.ReadHeadAsync()).Position;

        var problems = await VerifyAsync(shop);

        var problem = Assert.Single(problems);
        Assert.Equal((AuditProblemKinds.SettlementDiffers, position), (problem.Kind, problem.Position));
        Assert.Contains("fulfilled a second time", problem.Detail);
    }

    [Fact]
    public async Task A_settlement_read_model_changed_behind_the_ledgers_back_no_longer_follows_from_the_fulfilled_vouchers()
    {
        var (shop, served) = await SettledShopAsync();
        await using (var transaction = await shop.Store.BeginReadModelTransactionAsync())
        {
            await using var command = transaction.Connection.CreateCommand();
            command.Transaction = transaction.Transaction;
            command.CommandText = $"UPDATE {PartnerVoucherProjection.Table} SET settlement_fen = settlement_fen + 100 WHERE voucher_id = '{served[3]}'";
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        var problem = Assert.Single(await VerifyAsync(shop));

        Assert.Equal((AuditProblemKinds.SettlementDiffers, $"community-{CommunityId}"), (problem.Kind, problem.Stream));
        Assert.Contains("make 4 vouchers, 80 points, 3400 fen, but the settlement shows 4 vouchers, 80 points, 3500 fen", problem.Detail);
    }

    private static string LedgerPeriodOf(Shop shop) =>
        Ledger.Leaderboards.LeaderboardPeriod.MonthKey(CommunityCalendar.DateOf(shop.Clock.GetUtcNow(), CommunityCalendar.DefaultTimeZone));
}

public sealed class SqliteSettlementCheckTests(SqliteEventStoreFactory factory) : SettlementCheckTests<SqliteEventStoreFactory>(factory);

public sealed class PostgresSettlementCheckTests(PostgresEventStoreFactory factory) : SettlementCheckTests<PostgresEventStoreFactory>(factory);
