using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// Imports an export into an empty SQLite ledger: one IMMEDIATE transaction on the writer, one prepared INSERT per
/// event with its original position as the rowid, inline projections fed a batch at a time. One transaction makes the
/// import all or nothing (a refused file leaves the store empty) and is also the fastest way SQLite writes many rows.
/// </summary>
internal sealed class SqliteImporter(SqliteWriter writer, EventStoreOptions options)
{
    private const int RowsPerInsert = 8;
    private const int ProjectionBatch = RowsPerInsert * 128;

    private static readonly string[] Columns = ["position", "event_id", "stream_id", "version", "type", "data", "metadata", "recorded_at", "hash"];

    private static readonly SqliteType[] Types =
    [
        SqliteType.Integer, SqliteType.Text, SqliteType.Text, SqliteType.Integer, SqliteType.Text, SqliteType.Text, SqliteType.Text,
        SqliteType.Text, SqliteType.Text,
    ];

    public async Task<LedgerHead> ImportAsync(IAsyncEnumerable<RecordedEvent> events, CancellationToken cancellationToken)
    {
        using var scope = await writer.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (Convert.ToInt64(Scalar(scope, "SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM streams)"), System.Globalization.CultureInfo.InvariantCulture) != 0)
        {
            throw ImportChain.NotEmpty("SQLite");
        }

        // A bulk load touches index pages all over: with SQLite's default 2 MB page cache, a million-event import
        // spills and re-reads pages in its own transaction. A bounded 128 MB for the import, then back to the writer's own.
        SqliteConnections.Execute(scope.Connection, "PRAGMA cache_size = -131072", scope.Transaction);
        LedgerHead head;
        try
        {
            head = await WriteAsync(scope, events, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            SqliteConnections.Execute(scope.Connection, $"PRAGMA cache_size = -{SqliteConnections.WriterCacheKib}", scope.Transaction);
        }

        scope.Commit();
        return head;
    }

    private async Task<LedgerHead> WriteAsync(SqliteWriteScope scope, IAsyncEnumerable<RecordedEvent> events, CancellationToken cancellationToken)
    {
        // Rows go RowsPerInsert to a statement: the per-statement cost of the driver, not SQLite, bounds a one-row insert.
        using var many = InsertCommand(scope, RowsPerInsert);
        using var one = InsertCommand(scope, 1);
        var chain = new ImportChain();
        var pending = new List<RecordedEvent>(RowsPerInsert);
        var batch = options.InlineProjections.Count > 0 ? new List<RecordedEvent>(ProjectionBatch) : null;
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chain.Accept(e);
            pending.Add(e);
            if (pending.Count == RowsPerInsert)
            {
                Insert(many, pending);
            }

            // A whole number of inserts: the projection's batch is all written when it runs.
            batch?.Add(e);
            if (batch?.Count == ProjectionBatch)
            {
                await ProjectAsync(scope, batch, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var e in pending)
        {
            Insert(one, [e]);
        }

        if (batch is { Count: > 0 })
        {
            await ProjectAsync(scope, batch, cancellationToken).ConfigureAwait(false);
        }

        using var stream = Command(scope, "INSERT INTO streams (id, version) VALUES ($id, $version)", ("$id", SqliteType.Text), ("$version", SqliteType.Integer));
        foreach (var head in chain.Streams)
        {
            stream.Parameters[0].Value = head.StreamId;
            stream.Parameters[1].Value = head.Version;
            stream.ExecuteNonQuery();
        }

        return chain.Head;
    }

    private static SqliteCommand InsertCommand(SqliteWriteScope scope, int rows)
    {
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Columns.Select(c => $"$r{r}_{c}")) + ")"));
        var parameters = Enumerable.Range(0, rows).SelectMany(r => Columns.Select((c, i) => ($"$r{r}_{c}", Types[i]))).ToArray();
        return Command(scope, $"INSERT INTO events ({string.Join(", ", Columns)}) VALUES {values}", parameters);
    }

    private static void Insert(SqliteCommand insert, List<RecordedEvent> events)
    {
        var p = insert.Parameters;
        for (var r = 0; r < events.Count; r++)
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

        events.Clear();
    }

    private async Task ProjectAsync(SqliteWriteScope scope, List<RecordedEvent> batch, CancellationToken cancellationToken)
    {
        var lent = SqliteReadModelTransaction.Borrowing(scope);
        foreach (var projection in options.InlineProjections)
        {
            await projection.ApplyAsync(lent, batch, cancellationToken).ConfigureAwait(false);
        }

        batch.Clear();
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

    private static object? Scalar(SqliteWriteScope scope, string sql) =>
        SqliteConnections.Scalar(scope.Connection, sql, scope.Transaction);
}
