using Ledger.Common;
using Ledger.EventStore;
using Ledger.Redemption.Catalog;
using Ledger.Redemption.Common;
using static Ledger.Redemption.Common.ReadModelSql;

namespace Ledger.Redemption.Redemptions;

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

    private const string InsertRedemption = $"""
        INSERT INTO {Table} (redemption_id, community_id, passbook, member, clerk, clerk_name, day, at, points, status, position)
        VALUES (@id, @community, @passbook, @member, @clerk, @clerk_name, @day, @at, @points, 'completed', @position)
        ON CONFLICT (redemption_id) DO NOTHING
        """;

    private const string InsertLine = $"""
        INSERT INTO {LinesTable} (redemption_id, line_no, sku, name, kind, quantity, points)
        VALUES (@id, @line_no, @sku, @name, @kind, @quantity, @points)
        ON CONFLICT (redemption_id, line_no) DO NOTHING
        """;

    private const string Cancel = $"""
        UPDATE {Table} SET status = 'cancelled', cancelled_by = @by, cancelled_by_name = @by_name, cancelled_day = @day,
            cancelled_at = @at, cancel_reason = @reason, cancelled_position = @position
        WHERE redemption_id = @id
        """;

    /// <inheritdoc />
    protected override IReadOnlyList<string> Tables => [Table, LinesTable];

    /// <inheritdoc />
    protected override string Schema => $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            redemption_id text PRIMARY KEY,
            community_id text NOT NULL,
            passbook text NOT NULL,
            member text NOT NULL,
            clerk text NOT NULL,
            clerk_name text NOT NULL,
            day text NOT NULL,
            at text NOT NULL,
            points bigint NOT NULL,
            status text NOT NULL,
            cancelled_by text NULL,
            cancelled_by_name text NULL,
            cancelled_day text NULL,
            cancelled_at text NULL,
            cancel_reason text NULL,
            cancelled_position bigint NULL,
            position bigint NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_redemption_log_shift ON {Table} (community_id, clerk, day);
        CREATE INDEX IF NOT EXISTS ix_redemption_log_cancel_shift ON {Table} (community_id, cancelled_by, cancelled_day);
        CREATE INDEX IF NOT EXISTS ix_redemption_log_passbook ON {Table} (passbook, position);
        CREATE TABLE IF NOT EXISTS {LinesTable} (
            redemption_id text NOT NULL,
            line_no bigint NOT NULL,
            sku text NOT NULL,
            name text NOT NULL,
            kind text NOT NULL,
            quantity bigint NOT NULL,
            points bigint NOT NULL,
            PRIMARY KEY (redemption_id, line_no)
        )
        """;

    /// <inheritdoc />
    protected override async Task ApplyAsync(IReadModelTransaction transaction, RecordedEvent e, CancellationToken cancellationToken)
    {
        if (e.Type == EventNames.Of<RedemptionRecorded>())
        {
            var r = Read<RedemptionRecorded>(e);
            await ExecuteAsync(transaction, InsertRedemption, cancellationToken,
                Text("@id", r.RedemptionId), Text("@community", r.CommunityId), Text("@passbook", r.Passbook), Text("@member", r.Member),
                Text("@clerk", r.Clerk), Text("@clerk_name", r.ClerkName), Text("@day", Day(r.Day)), Text("@at", Time(r.At)),
                Int("@points", r.Points), Int("@position", e.Position));
            for (var i = 0; i < r.Lines.Count; i++)
            {
                var line = r.Lines[i];
                await ExecuteAsync(transaction, InsertLine, cancellationToken,
                    Text("@id", r.RedemptionId), Int("@line_no", i + 1), Text("@sku", line.Sku), Text("@name", line.Name),
                    Text("@kind", CatalogDecider.Slug(line.Kind)), Int("@quantity", line.Quantity), Int("@points", line.Points));
            }
        }
        else if (e.Type == EventNames.Of<RedemptionCancelled>())
        {
            var c = Read<RedemptionCancelled>(e);
            await ExecuteAsync(transaction, Cancel, cancellationToken,
                Text("@by", c.CancelledBy), Text("@by_name", c.CancelledByName), Text("@day", Day(c.Day)), Text("@at", Time(c.At)),
                Text("@reason", c.Reason), Int("@position", e.Position), Text("@id", c.RedemptionId));
        }
    }
}
