using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Redemption.Catalog;
using Redemption.Common;
using Redemption.Redemptions;
using static Redemption.Common.ReadModelSql;

namespace Redemption.Partners;

/// <summary>
/// The vouchers of services a partner provides: <c>partner_services</c> keeps who provides each version of a service
/// and at what settlement price, and <c>partner_vouchers</c> each voucher sold at such a version with its provider, its
/// points and fen, and its status. A partner's open vouchers and its settlement of a month are one indexed query each.
/// Tables of their own (not columns of <c>redemption_vouchers</c>): a ledger recorded before partners has those tables
/// without such columns, and no service of it names a provider, so these start empty there and stay right.
/// </summary>
public sealed class PartnerVoucherProjection : RedemptionProjection
{
    /// <summary>Who provides each version of a service, at what settlement price.</summary>
    public const string ServicesTable = "partner_services";

    /// <summary>Every voucher of a partner's service.</summary>
    public const string Table = "partner_vouchers";

    /// <inheritdoc />
    public override string Name => "partner_vouchers";

    /// <inheritdoc />
    public override IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(ServicesTable,
            [
                ReadModelColumn.Text("community_id"), ReadModelColumn.Text("sku"), ReadModelColumn.BigInt("version"),
                ReadModelColumn.Text("provider_id"), ReadModelColumn.BigInt("settlement_fen"),
            ],
            ["community_id", "sku", "version"]),
        new(Table,
            [
                ReadModelColumn.Text("voucher_id"), ReadModelColumn.Text("community_id"), ReadModelColumn.Text("provider_id"),
                ReadModelColumn.Text("redemption_id"), ReadModelColumn.BigInt("unit"), ReadModelColumn.Text("passbook"),
                ReadModelColumn.Text("member"), ReadModelColumn.Text("sku"), ReadModelColumn.Text("name"),
                ReadModelColumn.BigInt("points"), ReadModelColumn.BigInt("settlement_fen"), ReadModelColumn.Text("status"),
                ReadModelColumn.Text("issued_at"), ReadModelColumn.Text("issued_by"),
                ReadModelColumn.Text("fulfilled_at", nullable: true), ReadModelColumn.Text("fulfilled_by", nullable: true),
                ReadModelColumn.Text("fulfilled_by_name", nullable: true), ReadModelColumn.Text("fulfilled_month", nullable: true),
                ReadModelColumn.BigInt("position"),
            ],
            ["voucher_id"],
            [["community_id", "provider_id", "status"], ["community_id", "provider_id", "fulfilled_month"], ["redemption_id"]]),
    ];

    // One statement per voucher, reading the provider from this projection's own table: no read between writes, so it
    // holds however the writes of a batch are buffered. A version without a provider inserts nothing.
    private static string Insert(string table, string services) => $"""
        INSERT INTO {table} (voucher_id, community_id, provider_id, redemption_id, unit, passbook, member, sku, name, points,
            settlement_fen, status, issued_at, issued_by, position)
        SELECT @id, s.community_id, s.provider_id, @redemption, @unit, @passbook, @member, s.sku, @name, @points,
            s.settlement_fen, 'open', @at, @by, @position
        FROM {services} s WHERE s.community_id = @community AND s.sku = @sku AND s.version = @version
        ON CONFLICT (voucher_id) DO NOTHING
        """;

    private static string Fulfil(string table) => $"""
        UPDATE {table} SET status = 'fulfilled', fulfilled_at = @at, fulfilled_by = @by, fulfilled_by_name = @by_name,
            fulfilled_month = @month
        WHERE voucher_id = @id
        """;

    /// <inheritdoc />
    protected override async Task ApplyAsync(IReadModelTransaction transaction, RecordedEvent e, CancellationToken cancellationToken)
    {
        if (EventNames.Is<CatalogItemListed>(e.Type) && Read<CatalogItemListed>(e) is { ProviderId: { } provider } listed)
        {
            await ExecuteAsync(transaction,
                $"INSERT INTO {transaction.Table(ServicesTable)} (community_id, sku, version, provider_id, settlement_fen) "
                + "VALUES (@community, @sku, @version, @provider, @fen) ON CONFLICT (community_id, sku, version) DO NOTHING",
                cancellationToken, Text("@community", listed.CommunityId), Text("@sku", listed.Sku), Int("@version", listed.Version),
                Text("@provider", provider), Int("@fen", listed.SettlementFen ?? 0));
        }
        else if (e.Type == EventNames.Of<RedemptionRecorded>())
        {
            var r = Read<RedemptionRecorded>(e);
            var unit = 0;
            foreach (var line in r.Lines)
            {
                foreach (var voucher in line.Vouchers)
                {
                    await ExecuteAsync(transaction, Insert(transaction.Table(Table), transaction.Table(ServicesTable)), cancellationToken,
                        Text("@id", voucher), Text("@redemption", r.RedemptionId), Int("@unit", ++unit), Text("@passbook", r.Passbook),
                        Text("@member", r.Member), Text("@name", line.Name), Int("@points", line.UnitPoints), Text("@at", Time(r.At)),
                        Text("@by", r.Clerk), Int("@position", e.Position), Text("@community", r.CommunityId), Text("@sku", line.Sku),
                        Int("@version", line.ItemVersion));
                }
            }
        }
        else if (e.Type == EventNames.Of<VoucherFulfilled>())
        {
            var f = Read<VoucherFulfilled>(e);
            await ExecuteAsync(transaction, Fulfil(transaction.Table(Table)), cancellationToken,
                Text("@at", Time(f.At)), Text("@by", f.FulfilledBy), Text("@by_name", f.FulfilledByName),
                Text("@month", Ledger.Leaderboards.LeaderboardPeriod.MonthKey(f.Day)), Text("@id", f.VoucherId));
        }
        else if (e.Type == EventNames.Of<RedemptionCancelled>())
        {
            var c = Read<RedemptionCancelled>(e);
            await ExecuteAsync(transaction,
                $"UPDATE {transaction.Table(Table)} SET status = 'cancelled' WHERE redemption_id = @redemption AND status = 'open'",
                cancellationToken, Text("@redemption", c.RedemptionId));
        }
    }
}
