using System.Globalization;
using Ledger.EventStore;
using Redemption.Catalog;
using Redemption.Common;
using Redemption.Redemptions;
using Redemption.Vouchers;
using static Redemption.Common.ReadModelSql;

namespace Redemption.ShiftClose;

/// <summary>Reads one shift from the redemption log and voucher read models: a handful of indexed queries.</summary>
internal static class ShiftCloseReader
{
    private const string Log = RedemptionLogProjection.Table;
    private const string Lines = RedemptionLogProjection.LinesTable;

    public static async Task<ShiftCloseReport> ReadAsync(
        IReadModelStore store, string communityId, string communityName, string timeZone, DateOnly date, string clerk, string? callerName,
        CancellationToken cancellationToken)
    {
        ReadModelParameter[] shift = [Text("@community", communityId), Text("@clerk", clerk), Text("@day", Day(date))];
        // One read-model transaction for every query, so the parts of the report agree with each other.
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);

        var redemptions = new List<ShiftRedemption>();
        string? clerkName = null;
        await foreach (var row in QueryAsync(transaction, shift, cancellationToken,
            $"SELECT redemption_id, at, passbook, member, points, status, clerk_name FROM {Log} " +
            "WHERE community_id = @community AND clerk = @clerk AND day = @day ORDER BY position"))
        {
            clerkName ??= (string)row[6]!;
            redemptions.Add(new ShiftRedemption((string)row[0]!, ParseTime((string)row[1]!), (string)row[2]!, (string)row[3]!,
                AsLong(row[4]), (string)row[5]! == "cancelled" ? RedemptionStatus.Cancelled : RedemptionStatus.Completed, ""));
        }

        var cancellations = new List<ShiftCancellation>();
        await foreach (var row in QueryAsync(transaction, shift, cancellationToken,
            $"SELECT redemption_id, cancelled_at, passbook, points, cancel_reason, clerk, day, cancelled_by_name FROM {Log} " +
            "WHERE community_id = @community AND cancelled_by = @clerk AND cancelled_day = @day ORDER BY cancelled_position"))
        {
            clerkName ??= (string)row[7]!;
            cancellations.Add(new ShiftCancellation((string)row[0]!, ParseTime((string)row[1]!), (string)row[2]!, AsLong(row[3]),
                (string)row[4]!, (string)row[5]!, DateOnly.ParseExact((string)row[6]!, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        var sold = await LinesAsync(transaction, shift, "r.clerk = @clerk AND r.day = @day", cancellationToken);
        var returned = await LinesAsync(transaction, shift, "r.cancelled_by = @clerk AND r.cancelled_day = @day", cancellationToken);
        var issued = await CountAsync(transaction, shift, "issued_by = @clerk AND issued_day = @day", cancellationToken);
        var fulfilled = await CountAsync(transaction, shift, "fulfilled_by = @clerk AND fulfilled_day = @day", cancellationToken);

        var descriptions = sold.GroupBy(l => l.RedemptionId).ToDictionary(
            g => g.Key, g => string.Join("、", g.Select(l => $"{l.Name} ×{l.Quantity}")), StringComparer.Ordinal);
        var redeemedPoints = redemptions.Sum(r => r.Points);
        var refundedPoints = cancellations.Sum(c => c.Points);
        return new ShiftCloseReport(
            communityId, communityName, date, timeZone, clerk, clerkName ?? callerName,
            new ShiftRedemptions(redemptions.Count, redeemedPoints,
                [.. redemptions.Select(r => r with { Description = descriptions.GetValueOrDefault(r.RedemptionId, "") })]),
            new ShiftCancellations(cancellations.Count, refundedPoints, cancellations),
            new ShiftPoints(redeemedPoints, refundedPoints, redeemedPoints - refundedPoints),
            Items(sold, returned), new ShiftVouchers(issued, fulfilled));
    }

    private static IReadOnlyList<ShiftItem> Items(IReadOnlyList<LineRow> sold, IReadOnlyList<LineRow> returned) =>
        [.. sold.Select(l => (Line: l, Out: (long)l.Quantity, Back: 0L))
            .Concat(returned.Select(l => (Line: l, Out: 0L, Back: (long)l.Quantity)))
            .GroupBy(x => x.Line.Sku, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ShiftItem(g.Key, g.Last().Line.Name, g.Last().Line.Kind, g.Sum(x => x.Out), g.Sum(x => x.Back),
                g.Sum(x => x.Out) - g.Sum(x => x.Back)))];

    private static async Task<IReadOnlyList<LineRow>> LinesAsync(
        IReadModelTransaction transaction, ReadModelParameter[] shift, string where, CancellationToken cancellationToken)
    {
        var lines = new List<LineRow>();
        await foreach (var row in QueryAsync(transaction, shift, cancellationToken,
            $"SELECT l.redemption_id, l.sku, l.name, l.kind, l.quantity FROM {Lines} l JOIN {Log} r ON r.redemption_id = l.redemption_id " +
            $"WHERE r.community_id = @community AND {where} ORDER BY r.position, l.line_no"))
        {
            lines.Add(new LineRow((string)row[0]!, (string)row[1]!, (string)row[2]!,
                (string)row[3]! == "goods" ? CatalogItemKind.Goods : CatalogItemKind.Service, AsLong(row[4])));
        }

        return lines;
    }

    private static async Task<long> CountAsync(IReadModelTransaction transaction, ReadModelParameter[] shift, string where, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, $"SELECT count(*) FROM {VoucherProjection.Table} WHERE community_id = @community AND {where}", shift);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async IAsyncEnumerable<object?[]> QueryAsync(
        IReadModelTransaction transaction, ReadModelParameter[] parameters, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken,
        string sql)
    {
        await using var command = Command(transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            yield return row;
        }
    }

    private static long AsLong(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private sealed record LineRow(string RedemptionId, string Sku, string Name, CatalogItemKind Kind, long Quantity);
}
