using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// An import into an empty SQLite ledger (<see cref="RelationalImport"/>): one IMMEDIATE transaction on the writer,
/// prepared INSERTs of several events each with their original positions as rowids. One transaction is also the
/// fastest way SQLite writes many rows.
/// </summary>
internal sealed class SqliteImport : RelationalImport
{
    // The per-statement cost of the driver, not SQLite, bounds a one-row insert: rows go several to a statement.
    private const int RowsPerInsert = 8;

    // A bulk load touches index pages all over: with SQLite's default 2 MB page cache, a million-event import
    // spills and re-reads pages in its own transaction. A bounded 128 MB for the import, then back to the writer's own.
    private const string ImportCache = "PRAGMA cache_size = -131072";

    private static readonly string[] Columns = ["position", "event_id", "stream_id", "version", "type", "data", "metadata", "recorded_at", "hash"];

    private static readonly SqliteType[] Types =
    [
        SqliteType.Integer, SqliteType.Text, SqliteType.Text, SqliteType.Integer, SqliteType.Text, SqliteType.Text, SqliteType.Text,
        SqliteType.Text, SqliteType.Text,
    ];

    private readonly SqliteWriteScope _scope;
    private readonly SqliteCommand _many;
    private readonly SqliteCommand _one;
    private bool _committed;

    private SqliteImport(SqliteWriteScope scope)
    {
        _scope = scope;
        SqliteConnections.Execute(scope.Connection, ImportCache, scope.Transaction);
        _many = InsertCommand(scope, RowsPerInsert);
        _one = InsertCommand(scope, 1);
        ReadModels = SqliteReadModelTransaction.Borrowing(scope);
    }

    protected override string StoreName => "SQLite";

    // A whole number of inserts.
    protected override int BatchSize => RowsPerInsert * 128;

    protected override IReadModelTransaction ReadModels { get; }

    /// <summary>Takes the writer for the import.</summary>
    public static async Task<SqliteImport> BeginAsync(SqliteWriter writer, CancellationToken cancellationToken)
    {
        var scope = await writer.BeginAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new SqliteImport(scope);
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    public override ValueTask DisposeAsync()
    {
        _many.Dispose();
        _one.Dispose();
        try
        {
            // After a commit the connection has no transaction; before one, the pragma runs in it and is kept by nothing else.
            SqliteConnections.Execute(
                _scope.Connection, $"PRAGMA cache_size = -{SqliteConnections.WriterCacheKib}", _committed ? null : _scope.Transaction);
        }
        finally
        {
            _scope.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    protected override Task<bool> HoldsEventsAsync(CancellationToken cancellationToken) => Task.FromResult(Convert.ToInt64(
        SqliteConnections.Scalar(_scope.Connection, "SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM streams)", _scope.Transaction),
        CultureInfo.InvariantCulture) != 0);

    protected override Task WriteEventsAsync(List<RecordedEvent> batch, CancellationToken cancellationToken)
    {
        var events = CollectionsMarshal.AsSpan(batch);
        for (; events.Length >= RowsPerInsert; events = events[RowsPerInsert..])
        {
            Insert(_many, events[..RowsPerInsert]);
        }

        for (; !events.IsEmpty; events = events[1..])
        {
            Insert(_one, events[..1]);
        }

        return Task.CompletedTask;
    }

    protected override Task WriteStreamsAsync(ImportChain chain, CancellationToken cancellationToken)
    {
        using var stream = Command(_scope, "INSERT INTO streams (id, version) VALUES ($id, $version)", ("$id", SqliteType.Text), ("$version", SqliteType.Integer));
        foreach (var head in chain.Streams)
        {
            stream.Parameters[0].Value = head.StreamId;
            stream.Parameters[1].Value = head.Version;
            stream.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    protected override Task CommitAsync(CancellationToken cancellationToken)
    {
        _scope.Commit();
        _committed = true;
        return Task.CompletedTask;
    }

    private static SqliteCommand InsertCommand(SqliteWriteScope scope, int rows)
    {
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Columns.Select(c => $"$r{r}_{c}")) + ")"));
        var parameters = Enumerable.Range(0, rows).SelectMany(r => Columns.Select((c, i) => ($"$r{r}_{c}", Types[i]))).ToArray();
        return Command(scope, $"INSERT INTO events ({string.Join(", ", Columns)}) VALUES {values}", parameters);
    }

    private static void Insert(SqliteCommand insert, ReadOnlySpan<RecordedEvent> events)
    {
        var p = insert.Parameters;
        for (var r = 0; r < events.Length; r++)
        {
            var (e, at) = (events[r], r * Columns.Length);
            p[at].Value = e.Position;
            p[at + 1].Value = e.EventId.ToString("D");
            p[at + 2].Value = e.StreamId;
            p[at + 3].Value = e.StreamVersion;
            p[at + 4].Value = e.Type;
            p[at + 5].Value = e.Data;
            p[at + 6].Value = e.MetadataJson;
            p[at + 7].Value = EventHasher.FormatTime(e.RecordedAt);
            p[at + 8].Value = e.Hash;
        }

        try
        {
            insert.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            throw new ImportRefusedException(
                $"The events at positions {events[0].Position} to {events[^1].Position} are refused: {ex.Message}. Nothing was imported.", ex);
        }
    }

    private static SqliteCommand Command(SqliteWriteScope scope, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = scope.Connection.CreateCommand();
        command.Transaction = scope.Transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }
}
