using System.Data.Common;
using Ledger.EventStore.Projections;

namespace Ledger.EventStore;

/// <summary>
/// Where the two relational backends need different SQL for the same job, one object per backend
/// (<c>SqliteDialect</c>, <c>PostgresDialect</c>) answers, so the code they share (the projection runner's feed, the
/// read models' schema, the readers' row mapping) asks it rather than switching on <see cref="SqlDialect"/> or
/// knowing a backend's types. Everything here is SQL text or the mapping of one event row: no connection, no state.
/// </summary>
internal abstract class RelationalDialect
{
    /// <summary>The columns every event query selects, in the order <see cref="ReadEvent"/> maps them.</summary>
    public const string EventColumns = "position, event_id, stream_id, version, type, data, metadata, recorded_at, hash";

    /// <summary>Which backend this is, as the public contract names it.</summary>
    public abstract SqlDialect Kind { get; }

    /// <summary>The events table, qualified as the store's connections must name it.</summary>
    public abstract string EventsTable { get; }

    /// <summary>
    /// A statement that holds appends off in every process until the transaction ends, or null where holding the
    /// read-model transaction does so already (SQLite: it holds the one writer).
    /// </summary>
    public abstract string? LockAppendsSql { get; }

    /// <summary>A first statement that pins one snapshot for the whole transaction, or null where nothing moves anyway.</summary>
    public abstract string? SnapshotSql { get; }

    /// <summary>A statement serialising read-model DDL across processes until the transaction ends, or null.</summary>
    public abstract string? DdlLockSql { get; }

    /// <summary>Counts tables named <c>@name</c> that the connection would find.</summary>
    public abstract string TableExistsSql { get; }

    /// <summary>The schema that holds temporary tables, with its dot.</summary>
    public abstract string TempSchema { get; }

    /// <summary>What to append to a temporary table's CREATE so that it goes with the transaction ("" when it does anyway).</summary>
    public abstract string DropTempOnCommit { get; }

    /// <summary>
    /// Statements that read a checkpoint (<c>@name</c>) inside a read-model transaction; with <paramref name="lockRow"/>
    /// the row is created if missing and locked until the transaction ends where the backend needs that to make two
    /// processes take turns. The last statement returns the position.
    /// </summary>
    public abstract IReadOnlyList<string> ReadCheckpointSql(bool lockRow);

    /// <summary>The column type of a read model's column.</summary>
    public abstract string ColumnType(ColumnType type);

    /// <summary>Rows one statement of <see cref="ReadModelSql.UpsertAsync"/> carries, for rows of <paramref name="width"/> values.</summary>
    public abstract int UpsertRowsPerStatement(int width);

    /// <summary>The placeholder of a statement's parameter <paramref name="index"/> (from 0) in its SQL.</summary>
    public abstract string Placeholder(int index);

    /// <summary>The name of the <see cref="ReadModelParameter"/> that binds <see cref="Placeholder"/> (empty where parameters go by position).</summary>
    public abstract string ParameterName(int index);

    /// <summary>Maps one row selected with <see cref="EventColumns"/>.</summary>
    public abstract RecordedEvent ReadEvent(DbDataReader reader);
}

/// <summary>A read-model transaction made by a relational store, which knows its dialect object.</summary>
internal interface IRelationalTransaction
{
    RelationalDialect Sql { get; }
}

/// <summary>Finds a store-made transaction's dialect object.</summary>
internal static class RelationalTransactions
{
    public static RelationalDialect SqlOf(this IReadModelTransaction transaction) =>
        transaction is IRelationalTransaction relational
            ? relational.Sql
            : throw new InvalidOperationException($"{transaction.GetType().Name} was not opened by a relational event store.");
}
