using System.Data.Common;
using Ledger.EventStore.Projections;

namespace Ledger.EventStore.Sqlite;

/// <summary>SQLite's SQL where it differs from PostgreSQL's; see <see cref="RelationalDialect"/>.</summary>
internal sealed class SqliteDialect : RelationalDialect
{
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    public override SqlDialect Kind => SqlDialect.Sqlite;

    public override string EventsTable => "events";

    // A read-model transaction holds the writer lock (BEGIN IMMEDIATE): appends wait and nothing moves.
    public override string? LockAppendsSql => null;

    public override string? SnapshotSql => null;

    public override string? DdlLockSql => null;

    public override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";

    public override string TempSchema => "temp.";

    public override string DropTempOnCommit => "";

    public override IReadOnlyList<string> ReadCheckpointSql(bool lockRow) => ["SELECT position FROM checkpoints WHERE name = @name"];

    public override string ColumnType(ColumnType type) => type switch
    {
        Projections.ColumnType.Text => "TEXT",
        Projections.ColumnType.BigInt => "INTEGER",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, $"No SQLite type for {type}."),
    };

    // Ids and times are stored as text: the time in EventHasher.TimeFormat, the text the hash covers.
    public override RecordedEvent ReadEvent(DbDataReader reader) => new(
        EventId: Guid.ParseExact(reader.GetString(1), "D"),
        StreamId: reader.GetString(2),
        StreamVersion: reader.GetInt64(3),
        Position: reader.GetInt64(0),
        Type: reader.GetString(4),
        Data: reader.GetString(5),
        MetadataJson: reader.GetString(6),
        RecordedAt: SqliteTime.Parse(reader.GetString(7)),
        Hash: reader.GetString(8));
}
