using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// Imports an export into an empty SQLite ledger: one IMMEDIATE transaction on the writer, one prepared INSERT per
/// event with its original position as the rowid, inline projections fed a batch at a time. One transaction makes the
/// import all or nothing (a refused file leaves the store empty) and is also the fastest way SQLite writes many rows.
/// </summary>
internal sealed class SqliteImporter(SqliteWriter writer, EventStoreOptions options)
{
    private const int ProjectionBatch = 1000;

    public async Task<LedgerHead> ImportAsync(IAsyncEnumerable<RecordedEvent> events, CancellationToken cancellationToken)
    {
        using var scope = await writer.BeginAsync(cancellationToken).ConfigureAwait(false);
        if (Convert.ToInt64(Scalar(scope, "SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM streams)"), System.Globalization.CultureInfo.InvariantCulture) != 0)
        {
            throw ImportChain.NotEmpty("SQLite");
        }

        using var insert = Command(scope, """
            INSERT INTO events (position, event_id, stream_id, version, type, data, metadata, recorded_at, hash)
            VALUES ($position, $event_id, $stream_id, $version, $type, $data, $metadata, $recorded_at, $hash)
            """,
            ("$position", SqliteType.Integer), ("$event_id", SqliteType.Text), ("$stream_id", SqliteType.Text), ("$version", SqliteType.Integer),
            ("$type", SqliteType.Text), ("$data", SqliteType.Text), ("$metadata", SqliteType.Text), ("$recorded_at", SqliteType.Text),
            ("$hash", SqliteType.Text));
        var chain = new ImportChain();
        var batch = options.InlineProjections.Count > 0 ? new List<RecordedEvent>(ProjectionBatch) : null;
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chain.Accept(e);
            Insert(insert, e);
            batch?.Add(e);
            if (batch?.Count == ProjectionBatch)
            {
                await ProjectAsync(scope, batch, cancellationToken).ConfigureAwait(false);
            }
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

        scope.Commit();
        return chain.Head;
    }

    private static void Insert(SqliteCommand insert, RecordedEvent e)
    {
        var p = insert.Parameters;
        p[0].Value = e.Position;
        p[1].Value = e.EventId.ToString("D");
        p[2].Value = e.StreamId;
        p[3].Value = e.StreamVersion;
        p[4].Value = e.Type;
        p[5].Value = e.Data;
        p[6].Value = e.MetadataJson;
        p[7].Value = EventHasher.FormatTime(e.RecordedAt);
        p[8].Value = e.Hash;
        try
        {
            insert.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            throw new ImportRefusedException($"Event {e.EventId} at position {e.Position} is refused: {ex.Message}. Nothing was imported.", ex);
        }
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
