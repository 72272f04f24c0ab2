using Npgsql;
using NpgsqlTypes;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// Imports an export into an empty PostgreSQL ledger: one transaction that locks the event tables against appends,
/// then binary COPY a batch at a time (inline projections run between batches, since a connection in COPY can run
/// nothing else), then the <c>streams</c> rows and the position sequence. One transaction makes the import all or
/// nothing: a refused file leaves the store empty.
/// </summary>
internal static class PostgresImporter
{
    private const int Batch = 10_000;

    public static async Task<LedgerHead> ImportAsync(
        NpgsqlDataSource dataSource, EventStoreOptions options, IAsyncEnumerable<RecordedEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // EXCLUSIVE still lets readers read, but no append can start until the import commits or rolls back.
        await ExecuteAsync(connection, "LOCK TABLE ledger.streams, ledger.events IN EXCLUSIVE MODE", cancellationToken);
        await using (var any = new NpgsqlCommand(
            "SELECT EXISTS (SELECT FROM ledger.events) OR EXISTS (SELECT FROM ledger.streams)", connection))
        {
            if ((bool)(await any.ExecuteScalarAsync(cancellationToken))!)
            {
                throw ImportChain.NotEmpty("PostgreSQL");
            }
        }

        var chain = new ImportChain();
        var batch = new List<RecordedEvent>(Batch);
        var lent = new PostgresReadModelTransaction(connection, transaction, ownsConnection: false);
        try
        {
            await foreach (var e in events.WithCancellation(cancellationToken))
            {
                chain.Accept(e);
                batch.Add(e);
                if (batch.Count == Batch)
                {
                    await WriteAsync(connection, lent, options, batch, cancellationToken);
                }
            }

            await WriteAsync(connection, lent, options, batch, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ImportRefusedException($"The import is refused: {e.MessageText} ({e.ConstraintName}). Nothing was imported.", e);
        }

        await using (var streams = await connection.BeginBinaryImportAsync(
            "COPY ledger.streams (id, version, last_hash) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var head in chain.Streams)
            {
                await streams.StartRowAsync(cancellationToken);
                await streams.WriteAsync(head.StreamId, NpgsqlDbType.Text, cancellationToken);
                await streams.WriteAsync(head.Version, NpgsqlDbType.Bigint, cancellationToken);
                await streams.WriteAsync(head.LastHash!, NpgsqlDbType.Text, cancellationToken);
            }

            await streams.CompleteAsync(cancellationToken);
        }

        if (chain.Events > 0)
        {
            // The next append draws a position above every imported one. setval draws nothing, so the high-water
            // mark's reading of the sequence as "the last position handed out" stays true.
            await using var sequence = new NpgsqlCommand("SELECT setval('ledger.events_position_seq', $1)", connection);
            sequence.Parameters.Add(new() { Value = chain.Head.Position });
            await sequence.ExecuteScalarAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return chain.Head;
    }

    private static async Task WriteAsync(
        NpgsqlConnection connection, PostgresReadModelTransaction lent, EventStoreOptions options, List<RecordedEvent> batch,
        CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY ledger.events (position, event_id, stream_id, version, type, data, metadata, recorded_at, hash) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var e in batch)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(e.Position, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(e.EventId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(e.StreamId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(e.StreamVersion, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(e.Type, NpgsqlDbType.Text, cancellationToken);
                // json (not jsonb) keeps the text as given, which the hash covers byte for byte.
                await copy.WriteAsync(e.Data, NpgsqlDbType.Json, cancellationToken);
                await copy.WriteAsync(e.MetadataJson, NpgsqlDbType.Json, cancellationToken);
                await copy.WriteAsync(e.RecordedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(e.Hash, NpgsqlDbType.Text, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        foreach (var projection in options.InlineProjections)
        {
            await projection.ApplyAsync(lent, batch, cancellationToken);
        }

        batch.Clear();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
