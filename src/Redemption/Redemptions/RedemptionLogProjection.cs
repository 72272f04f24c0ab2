using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Redemption.Catalog;
using Redemption.Common;
using static Redemption.Common.ReadModelSql;

namespace Redemption.Redemptions;

/// <summary>
/// <c>redemption_log</c> and <c>redemption_log_lines</c>: every redemption with its community, clerk, local day and
/// status, and its lines. The shift close reads a clerk's day from here by index, never by scanning events.
/// </summary>
public sealed class RedemptionLogProjection : RedemptionProjection
{
    /// <summary>One row per redemption.</summary>
    public const string Table = "redemption_log";

    /// <summary>One row per receipt line.</summary>
    public const string LinesTable = "redemption_log_lines";

    /// <inheritdoc />
    public override string Name => "redemption_log";

    /// <inheritdoc />
    public override IReadOnlyList<ReadModelTable> Tables { get; } =
    [
        new(Table,
            [
                ReadModelColumn.Text("redemption_id"), ReadModelColumn.Text("community_id"), ReadModelColumn.Text("passbook"),
                ReadModelColumn.Text("member"), ReadModelColumn.Text("clerk"), ReadModelColumn.Text("clerk_name"),
                ReadModelColumn.Text("day"), ReadModelColumn.Text("at"), ReadModelColumn.BigInt("points"), ReadModelColumn.Text("status"),
                ReadModelColumn.Text("cancelled_by", nullable: true), ReadModelColumn.Text("cancelled_by_name", nullable: true),
                ReadModelColumn.Text("cancelled_day", nullable: true), ReadModelColumn.Text("cancelled_at", nullable: true),
                ReadModelColumn.Text("cancel_reason", nullable: true), ReadModelColumn.BigInt("cancelled_position", nullable: true),
                ReadModelColumn.BigInt("position"),
            ],
            ["redemption_id"],
            // The passbook index serves a household's latest redemptions (GET /api/households/{passbook}/redemptions).
            [["community_id", "clerk", "day"], ["community_id", "cancelled_by", "cancelled_day"], ["passbook", "position"]]),
        new(LinesTable,
            [
                ReadModelColumn.Text("redemption_id"), ReadModelColumn.BigInt("line_no"), ReadModelColumn.Text("sku"),
                ReadModelColumn.Text("name"), ReadModelColumn.Text("kind"), ReadModelColumn.BigInt("quantity"), ReadModelColumn.BigInt("points"),
            ],
            ["redemption_id", "line_no"]),
    ];

    private static string InsertRedemption(string table) => $"""
        INSERT INTO {table} (redemption_id, community_id, passbook, member, clerk, clerk_name, day, at, points, status, position)
        VALUES (@id, @community, @passbook, @member, @clerk, @clerk_name, @day, @at, @points, 'completed', @position)
        ON CONFLICT (redemption_id) DO NOTHING
        """;

    private static string InsertLine(string table) => $"""
        INSERT INTO {table} (redemption_id, line_no, sku, name, kind, quantity, points)
        VALUES (@id, @line_no, @sku, @name, @kind, @quantity, @points)
        ON CONFLICT (redemption_id, line_no) DO NOTHING
        """;

    private static string Cancel(string table) => $"""
        UPDATE {table} SET status = 'cancelled', cancelled_by = @by, cancelled_by_name = @by_name, cancelled_day = @day,
            cancelled_at = @at, cancel_reason = @reason, cancelled_position = @position
        WHERE redemption_id = @id
        """;

    /// <inheritdoc />
    protected override async Task ApplyAsync(IReadModelTransaction transaction, RecordedEvent e, CancellationToken cancellationToken)
    {
        if (e.Type == EventNames.Of<RedemptionRecorded>())
        {
            var r = Read<RedemptionRecorded>(e);
            await ExecuteAsync(transaction, InsertRedemption(transaction.Table(Table)), cancellationToken,
                Text("@id", r.RedemptionId), Text("@community", r.CommunityId), Text("@passbook", r.Passbook), Text("@member", r.Member),
                Text("@clerk", r.Clerk), Text("@clerk_name", r.ClerkName), Text("@day", Day(r.Day)), Text("@at", Time(r.At)),
                Int("@points", r.Points), Int("@position", e.Position));
            for (var i = 0; i < r.Lines.Count; i++)
            {
                var line = r.Lines[i];
                await ExecuteAsync(transaction, InsertLine(transaction.Table(LinesTable)), cancellationToken,
                    Text("@id", r.RedemptionId), Int("@line_no", i + 1), Text("@sku", line.Sku), Text("@name", line.Name),
                    Text("@kind", CatalogDecider.Slug(line.Kind)), Int("@quantity", line.Quantity), Int("@points", line.Points));
            }
        }
        else if (e.Type == EventNames.Of<RedemptionCancelled>())
        {
            var c = Read<RedemptionCancelled>(e);
            await ExecuteAsync(transaction, Cancel(transaction.Table(Table)), cancellationToken,
                Text("@by", c.CancelledBy), Text("@by_name", c.CancelledByName), Text("@day", Day(c.Day)), Text("@at", Time(c.At)),
                Text("@reason", c.Reason), Int("@position", e.Position), Text("@id", c.RedemptionId));
        }
    }
}
