using System.Data.Common;
using System.Globalization;
using Ledger.EventStore.Projections;

namespace Ledger.EventStore.Postgres;

/// <summary>PostgreSQL's SQL where it differs from SQLite's; see <see cref="RelationalDialect"/>.</summary>
internal sealed class PostgresDialect : RelationalDialect
{
    // Next to the store's migration lock ("Ledger" + 1); advisory locks are per database.
    private const long DdlLock = 0x4C65646765720002;

    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
    {
    }

    public override SqlDialect Kind => SqlDialect.Postgres;

    public override string EventsTable => "ledger.events";

    /// <summary>
    /// Every append locks its <c>ledger.streams</c> rows before drawing a position, and EXCLUSIVE conflicts with
    /// those row locks, so this waits for appends in flight to commit and stops new ones before they draw. The
    /// append path itself does nothing extra; a role that may UPDATE <c>ledger.streams</c> (as the service must)
    /// may take this lock.
    /// </summary>
    public override string? LockAppendsSql => "LOCK TABLE ledger.streams IN EXCLUSIVE MODE";

    // REPEATABLE READ: live tables, checkpoints and events are read as of one instant while appends go on.
    public override string? SnapshotSql => "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";

    // CREATE TABLE IF NOT EXISTS is not safe against itself: two at once fail on a unique catalog index.
    public override string? DdlLockSql => $"SELECT pg_advisory_xact_lock({DdlLock})";

    public override string TableExistsSql =>
        "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE tablename = @name AND schemaname = ANY (current_schemas(false))";

    public override string TempSchema => "pg_temp.";

    public override string DropTempOnCommit => " ON COMMIT DROP";

    public override IReadOnlyList<string> ReadCheckpointSql(bool lockRow) => lockRow
        ? ["INSERT INTO ledger.checkpoints (name, position) VALUES (@name, 0) ON CONFLICT (name) DO NOTHING",
           "SELECT position FROM ledger.checkpoints WHERE name = @name FOR UPDATE"]
        : ["SELECT position FROM ledger.checkpoints WHERE name = @name"];

    // PostgreSQL takes up to 65,535 parameters a statement; past a few thousand, round trips stop mattering.
    public override int UpsertRowsPerStatement(int width) => Math.Max(1, 3000 / width);

    // Positional: Npgsql sends them as they are, without rewriting the statement.
    public override string Placeholder(int index) => "$" + (index + 1).ToString(CultureInfo.InvariantCulture);

    public override string ParameterName(int index) => "";

    public override string ColumnType(ColumnType type) => type switch
    {
        Projections.ColumnType.Text => "text",
        Projections.ColumnType.BigInt => "bigint",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, $"No PostgreSQL type for {type}."),
    };

    public override RecordedEvent ReadEvent(DbDataReader reader) => new(
        EventId: reader.GetGuid(1),
        StreamId: reader.GetString(2),
        StreamVersion: reader.GetInt64(3),
        Position: reader.GetInt64(0),
        Type: reader.GetString(4),
        Data: reader.GetString(5),
        MetadataJson: reader.GetString(6),
        RecordedAt: reader.GetFieldValue<DateTimeOffset>(7),
        Hash: reader.GetString(8));
}
