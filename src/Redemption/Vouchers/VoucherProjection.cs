using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Redemption.Common;
using Redemption.Redemptions;
using static Redemption.Common.ReadModelSql;

namespace Redemption.Vouchers;

/// <summary>
/// <c>redemption_vouchers</c>: every service voucher with its status, so open vouchers of a community and a clerk's
/// fulfilments of a day are one indexed query each.
/// </summary>
public sealed class VoucherProjection : RedemptionProjection
{
    /// <summary>The read model's table.</summary>
    public const string Table = "redemption_vouchers";

    /// <inheritdoc />
    public override string Name => "redemption_vouchers";

    /// <inheritdoc />
    public override IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Table,
            [
                ReadModelColumn.Text("voucher_id"), ReadModelColumn.Text("redemption_id"), ReadModelColumn.BigInt("unit"),
                ReadModelColumn.Text("community_id"), ReadModelColumn.Text("passbook"), ReadModelColumn.Text("member"),
                ReadModelColumn.Text("sku"), ReadModelColumn.Text("name"), ReadModelColumn.Text("status"),
                ReadModelColumn.Text("issued_at"), ReadModelColumn.Text("issued_by"), ReadModelColumn.Text("issued_day"),
                ReadModelColumn.Text("fulfilled_at", nullable: true), ReadModelColumn.Text("fulfilled_by", nullable: true),
                ReadModelColumn.Text("fulfilled_by_name", nullable: true), ReadModelColumn.Text("fulfilled_day", nullable: true),
                ReadModelColumn.BigInt("position"),
            ],
            ["voucher_id"],
            [["community_id", "status"], ["community_id", "issued_by", "issued_day"], ["community_id", "fulfilled_by", "fulfilled_day"], ["redemption_id"]]),
    ];

    private static string Insert(string table) => $"""
        INSERT INTO {table} (voucher_id, redemption_id, unit, community_id, passbook, member, sku, name, status,
            issued_at, issued_by, issued_day, position)
        VALUES (@id, @redemption, @unit, @community, @passbook, @member, @sku, @name, 'open', @at, @by, @day, @position)
        ON CONFLICT (voucher_id) DO NOTHING
        """;

    private static string Fulfil(string table) => $"""
        UPDATE {table} SET status = 'fulfilled', fulfilled_at = @at, fulfilled_by = @by, fulfilled_by_name = @by_name, fulfilled_day = @day
        WHERE voucher_id = @id
        """;

    /// <inheritdoc />
    protected override async Task ApplyAsync(IReadModelTransaction transaction, RecordedEvent e, CancellationToken cancellationToken)
    {
        if (e.Type == EventNames.Of<RedemptionRecorded>())
        {
            var r = Read<RedemptionRecorded>(e);
            var unit = 0;
            foreach (var line in r.Lines)
            {
                foreach (var voucher in line.Vouchers)
                {
                    await ExecuteAsync(transaction, Insert(transaction.Table(Table)), cancellationToken,
                        Text("@id", voucher), Text("@redemption", r.RedemptionId), Int("@unit", ++unit), Text("@community", r.CommunityId),
                        Text("@passbook", r.Passbook), Text("@member", r.Member), Text("@sku", line.Sku), Text("@name", line.Name),
                        Text("@at", Time(r.At)), Text("@by", r.Clerk), Text("@day", Day(r.Day)), Int("@position", e.Position));
                }
            }
        }
        else if (e.Type == EventNames.Of<VoucherFulfilled>())
        {
            var f = Read<VoucherFulfilled>(e);
            await ExecuteAsync(transaction, Fulfil(transaction.Table(Table)), cancellationToken,
                Text("@at", Time(f.At)), Text("@by", f.FulfilledBy), Text("@by_name", f.FulfilledByName), Text("@day", Day(f.Day)),
                Text("@id", f.VoucherId));
        }
        else if (e.Type == EventNames.Of<RedemptionCancelled>())
        {
            var c = Read<RedemptionCancelled>(e);
            await ExecuteAsync(transaction, $"UPDATE {transaction.Table(Table)} SET status = 'cancelled' WHERE redemption_id = @redemption AND status = 'open'",
                cancellationToken, Text("@redemption", c.RedemptionId));
        }
    }

    /// <summary>
    /// The vouchers of a community with <paramref name="status"/> (all when null), of one household when
    /// <paramref name="passbook"/> is given, in the order they were issued.
    /// </summary>
    public static async Task<IReadOnlyList<VoucherResponse>> QueryAsync(
        IReadModelStore store, string communityId, VoucherStatus? status, string? passbook, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        var parameters = new List<ReadModelParameter> { Text("@community", communityId) };
        if (status is { } s)
        {
            parameters.Add(Text("@status", StatusSlug(s)));
        }

        if (passbook is not null)
        {
            parameters.Add(Text("@passbook", passbook));
        }

        await using var command = Command(transaction,
            "SELECT voucher_id, redemption_id, passbook, member, sku, name, status, issued_at, issued_by, fulfilled_at, fulfilled_by, " +
            $"fulfilled_by_name FROM {Table} WHERE community_id = @community" + (status is null ? "" : " AND status = @status") +
            (passbook is null ? "" : " AND passbook = @passbook") + " ORDER BY position, unit", [.. parameters]);
        var vouchers = new List<VoucherResponse>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            vouchers.Add(new VoucherResponse(
                reader.GetString(0), reader.GetString(1), communityId, reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), ParseStatus(reader.GetString(6)), ParseTime(reader.GetString(7)), reader.GetString(8),
                NullableString(reader, 9) is { } at ? ParseTime(at) : null, NullableString(reader, 10), NullableString(reader, 11)));
        }

        return vouchers;
    }

    private static string StatusSlug(VoucherStatus status) => status.ToString().ToLowerInvariant();

    private static VoucherStatus ParseStatus(string slug) => Enum.Parse<VoucherStatus>(slug, ignoreCase: true);
}
