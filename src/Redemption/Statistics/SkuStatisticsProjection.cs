using System.Globalization;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Leaderboards;
using Redemption.Common;
using Redemption.Redemptions;
using Ledger.Statistics;

namespace Redemption.Statistics;

/// <summary>
/// <c>statistics_skus</c>: per community, month of the receipt's local day, and sku, the units redeemed and their
/// points, for the per-sku lines of <c>GET /api/communities/{cid}/stats</c>. Async (run by the daemon). Receipts
/// count when recorded; a cancellation shows as a refund in the ledger's statistics, not here.
/// </summary>
public sealed class SkuStatisticsProjection : IProjection
{
    /// <summary>The read model's table.</summary>
    public const string Table = "statistics_skus";

    private static readonly Upsert Lines = new(Table, ["community_id", "month", "sku"], Add: ["quantity", "points"], Set: ["name", "position"]);

    /// <inheritdoc />
    public string Name => "statistics_skus";

    /// <inheritdoc />
    public IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Table,
            [
                ReadModelColumn.Text("community_id"), ReadModelColumn.Text("month"), ReadModelColumn.Text("sku"), ReadModelColumn.Text("name"),
                ReadModelColumn.BigInt("quantity"), ReadModelColumn.BigInt("points"), ReadModelColumn.BigInt("position"),
            ],
            ["community_id", "month", "sku"]),
    ];

    /// <inheritdoc />
    public Task ApplyAsync(IReadModelTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken cancellationToken)
    {
        var lines = new Dictionary<(string, string, string), (string Name, long Quantity, long Points, long Position)>();
        foreach (var e in events.Where(e => e.Type == EventNames.Of<RedemptionRecorded>()))
        {
            var receipt = Common.ReadModelSql.Read<RedemptionRecorded>(e);
            var month = LeaderboardPeriod.MonthKey(new DateOnly(receipt.Day.Year, receipt.Day.Month, 1));
            foreach (var line in receipt.Lines)
            {
                var key = (receipt.CommunityId, month, line.Sku);
                var (_, quantity, points, _) = lines.GetValueOrDefault(key);
                // The latest receipt's name wins; its position is kept so a batch boundary cannot change which one.
                lines[key] = (line.Name, quantity + line.Quantity, points + line.Points, e.Position);
            }
        }

        return transaction.UpsertAsync(
            Lines, [.. lines.Select(l => new object?[] { l.Key.Item1, l.Key.Item2, l.Key.Item3, l.Value.Quantity, l.Value.Points, l.Value.Name, l.Value.Position })],
            cancellationToken);
    }

    /// <summary>The community's per-sku figures for <paramref name="period"/>, by sku (ordinal), named as on the latest receipt.</summary>
    public static async Task<IReadOnlyList<SkuStats>> QueryAsync(
        IReadModelStore store, string communityId, LeaderboardPeriod period, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelTransactionAsync(cancellationToken);
        await using var command = transaction.CreateCommand(
            $"SELECT sku, name, quantity, points, position FROM {Table} WHERE community_id = @c" +
            (period.IsAll ? "" : " AND month >= @from AND month < @to"),
            ("@c", communityId),
            ("@from", period.IsAll ? null : LeaderboardPeriod.MonthKey(period.FirstMonth!.Value)),
            ("@to", period.IsAll ? null : LeaderboardPeriod.MonthKey(period.EndMonth!.Value)));
        var skus = new Dictionary<string, (string Name, long Quantity, long Points, long Position)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (sku, name, position) = (reader.GetString(0), reader.GetString(1), Long(reader, 4));
            var seen = skus.GetValueOrDefault(sku);
            skus[sku] = (position > seen.Position ? name : seen.Name, seen.Quantity + Long(reader, 2), seen.Points + Long(reader, 3), Math.Max(position, seen.Position));
        }

        return [.. skus.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SkuStats(s.Key, s.Value.Name, s.Value.Quantity, s.Value.Points))];
    }

    private static long Long(System.Data.Common.DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
