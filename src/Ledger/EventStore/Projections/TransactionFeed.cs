using System.Data.Common;
using Ledger.EventStore.Postgres;
using Ledger.EventStore.Sqlite;
using Npgsql;

namespace Ledger.EventStore.Projections;

/// <summary>
/// The few things the runner must do inside a read-model transaction that the store contract does not offer,
/// one dialect switch each: hold appends off, pin one snapshot, and read the events and a checkpoint as that
/// transaction sees them.
/// </summary>
/// <remarks>
/// Why not <see cref="IEventStore.ReadAllAsync"/> here: on PostgreSQL it reads on other connections and stops at
/// the high-water mark, which cannot settle while appenders wait on this transaction's lock (they already hold
/// transaction ids). A rebuild would then stop short of the head and lose events. Inside the transaction that
/// holds appends off, every visible event is final, so reading them here is exact.
/// </remarks>
internal static class TransactionFeed
{
    private const string Columns = "position, event_id, stream_id, version, type, data, metadata, recorded_at, hash";

    /// <summary>
    /// Blocks appends in every process until the transaction ends. SQLite: the read-model transaction already
    /// holds the writer lock (BEGIN IMMEDIATE). PostgreSQL: every append locks its <c>ledger.streams</c> rows before
    /// drawing a position, and EXCLUSIVE conflicts with those row locks, so this waits for appends in flight to
    /// commit and stops new ones before they draw. The append path itself does nothing extra; a role that may
    /// UPDATE <c>ledger.streams</c> (as the service must) may take this lock.
    /// </summary>
    public static Task LockAppendsAsync(IReadModelTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Dialect == SqlDialect.Postgres
            ? transaction.ExecuteAsync("LOCK TABLE ledger.streams IN EXCLUSIVE MODE", cancellationToken)
            : Task.CompletedTask;

    /// <summary>
    /// Makes every statement of the transaction see one snapshot; must be its first statement. PostgreSQL:
    /// REPEATABLE READ, so live tables, checkpoints and events are read as of one instant while appends go on.
    /// SQLite: the writer lock already keeps everything still.
    /// </summary>
    public static Task UseSnapshotAsync(IReadModelTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Dialect == SqlDialect.Postgres
            ? transaction.ExecuteAsync("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", cancellationToken)
            : Task.CompletedTask;

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="after"/> and at most <paramref name="upTo"/>, as the transaction sees them.</summary>
    public static async Task<List<RecordedEvent>> ReadAsync(
        IReadModelTransaction transaction, long after, long upTo, int limit, CancellationToken cancellationToken)
    {
        var table = transaction.Dialect == SqlDialect.Postgres ? "ledger.events" : "events";
        await using var command = transaction.CreateCommand(
            $"SELECT {Columns} FROM {table} WHERE position > @after AND position <= @upto ORDER BY position LIMIT @limit",
            ("@after", after), ("@upto", upTo), ("@limit", (long)limit));
        var events = new List<RecordedEvent>(Math.Min(limit, 4096));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(reader is NpgsqlDataReader postgres ? PostgresReader.ReadEvent(postgres) : ReadSqliteEvent(reader));
        }

        return events;
    }

    /// <summary>
    /// The checkpoint as the transaction sees it (0 when none). With <paramref name="lockRow"/> on PostgreSQL the
    /// row is created if missing and locked until the transaction ends, so two processes running the same
    /// projection take turns and the second sees where the first left off. SQLite's writer lock does this already.
    /// </summary>
    public static async Task<long> ReadCheckpointAsync(
        IReadModelTransaction transaction, string name, bool lockRow, CancellationToken cancellationToken)
    {
        var postgres = transaction.Dialect == SqlDialect.Postgres;
        if (postgres && lockRow)
        {
            await transaction.ExecuteAsync(
                "INSERT INTO ledger.checkpoints (name, position) VALUES (@name, 0) ON CONFLICT (name) DO NOTHING", cancellationToken, ("@name", name));
        }

        var sql = postgres
            ? "SELECT position FROM ledger.checkpoints WHERE name = @name" + (lockRow ? " FOR UPDATE" : "")
            : "SELECT position FROM checkpoints WHERE name = @name";
        await using var command = transaction.CreateCommand(sql, ("@name", name));
        return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : 0;
    }

    private static RecordedEvent ReadSqliteEvent(DbDataReader reader) => new(
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
