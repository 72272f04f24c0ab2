using System.Data.Common;
using Ledger.EventStore;
using Redemption.Catalog;
using Redemption.Common;
using Redemption.Vouchers;
using static Redemption.Common.ReadModelSql;

namespace Redemption.Redemptions.ListHouseholdRedemptions;

/// <summary>
/// Reads a household's latest redemptions from <c>redemption_log</c> (by its passbook index), with their lines and
/// vouchers: three indexed queries in one read-model transaction, so the parts agree.
/// </summary>
internal static class HouseholdRedemptionsReader
{
    public static async Task<IReadOnlyList<HouseholdRedemption>> ReadAsync(
        IReadModelStore store, string passbook, int limit, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        var (log, lineTable, voucherTable) = (transaction.Table(RedemptionLogProjection.Table),
            transaction.Table(RedemptionLogProjection.LinesTable), transaction.Table(VoucherProjection.Table));
        var heads = new List<HouseholdRedemption>();
        var oldest = long.MaxValue;
        await using (var command = Command(transaction,
            "SELECT redemption_id, at, day, member, points, status, clerk_name, cancel_reason, cancelled_by_name, cancelled_at, position " +
            $"FROM {log} WHERE passbook = @passbook ORDER BY position DESC LIMIT @limit",
            Text("@passbook", passbook), Int("@limit", limit)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var cancelled = reader.GetString(5) == "cancelled";
                oldest = Math.Min(oldest, Long(reader, 10));
                heads.Add(new HouseholdRedemption(
                    reader.GetString(0), ParseTime(reader.GetString(1)), DateOnly.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture),
                    reader.GetString(3), Long(reader, 4), cancelled ? RedemptionStatus.Cancelled : RedemptionStatus.Completed, reader.GetString(6),
                    [], [], cancelled ? new HouseholdRedemptionCancellation(reader.GetString(7), reader.GetString(8), ParseTime(reader.GetString(9))) : null));
            }
        }

        if (heads.Count == 0)
        {
            return heads;
        }

        // The lines and vouchers of just the redemptions listed: the household's from the oldest one listed on.
        var lines = await GroupAsync(transaction, passbook, oldest, cancellationToken,
            $"SELECT l.redemption_id, l.sku, l.name, l.kind, l.quantity, l.points FROM {lineTable} l " +
            $"JOIN {log} r ON r.redemption_id = l.redemption_id WHERE r.passbook = @passbook AND r.position >= @oldest ORDER BY l.line_no",
            r => new HouseholdRedemptionLine(r.GetString(1), r.GetString(2),
                r.GetString(3) == CatalogDecider.Slug(CatalogItemKind.Service) ? CatalogItemKind.Service : CatalogItemKind.Goods, Long(r, 4), Long(r, 5)));
        var vouchers = await GroupAsync(transaction, passbook, oldest, cancellationToken,
            $"SELECT v.redemption_id, v.voucher_id, v.sku, v.name, v.status, v.fulfilled_at, v.fulfilled_by FROM {voucherTable} v " +
            $"JOIN {log} r ON r.redemption_id = v.redemption_id WHERE r.passbook = @passbook AND r.position >= @oldest ORDER BY v.unit",
            r => new ReceiptVoucher(r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<VoucherStatus>(r.GetString(4), ignoreCase: true),
                NullableString(r, 5) is { } at ? ParseTime(at) : null, NullableString(r, 6)));
        return [.. heads.Select(h => h with
        {
            Lines = lines.GetValueOrDefault(h.RedemptionId) ?? [],
            Vouchers = vouchers.GetValueOrDefault(h.RedemptionId) ?? [],
        })];
    }

    private static async Task<Dictionary<string, List<T>>> GroupAsync<T>(
        IReadModelTransaction transaction, string passbook, long oldest, CancellationToken cancellationToken,
        string sql, Func<DbDataReader, T> map)
    {
        var groups = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        await using var command = Command(transaction, sql, Text("@passbook", passbook), Int("@oldest", oldest));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (!groups.TryGetValue(id, out var group))
            {
                groups[id] = group = [];
            }

            group.Add(map(reader));
        }

        return groups;
    }
}
