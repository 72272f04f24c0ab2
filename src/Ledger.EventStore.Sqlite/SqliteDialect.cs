using System.Data.Common;
using System.Globalization;
using Ledger.EventStore.Projections;

namespace Ledger.EventStore.Sqlite;

/// <summary>SQLite's SQL where it differs from PostgreSQL's; see <see cref="RelationalDialect"/>.</summary>
internal sealed class SqliteDialect : RelationalDialect
{
    public static readonly SqliteDialect Instance = new();

    // Named once: an upsert names its parameters for every row of every append.
    private static readonly string[] Names = [.. Enumerable.Range(0, 32).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture))];

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

    // One single-row statement, re-bound per row: there are no round trips to save in-process, and SQLite finds each
    // named parameter by a linear search, so a many-row statement costs quadratically more.
    public override int UpsertRowsPerStatement(int width) => 1;

    public override string Placeholder(int index) => index < Names.Length ? Names[index] : "@p" + index.ToString(CultureInfo.InvariantCulture);

    public override string ParameterName(int index) => Placeholder(index);

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
