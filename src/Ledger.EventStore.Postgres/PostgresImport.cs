using Npgsql;
using NpgsqlTypes;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// An import into an empty PostgreSQL ledger (<see cref="RelationalImport"/>): a transaction that locks the event
/// tables against appends, binary COPY a batch at a time (the inline projections run between batches, since a
/// connection in COPY can run nothing else), then the <c>streams</c> rows and the position sequence.
/// </summary>
internal sealed class PostgresImport : RelationalImport
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private PostgresImport(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        (_connection, _transaction) = (connection, transaction);
        ReadModels = new PostgresReadModelTransaction(connection, transaction, ownsConnection: false);
    }

    protected override string StoreName => "PostgreSQL";

    protected override int BatchSize => 10_000;

    protected override IReadModelTransaction ReadModels { get; }

    /// <summary>Opens the import's transaction and holds appends off.</summary>
    public static async Task<PostgresImport> BeginAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        try
        {
            var import = new PostgresImport(connection, await connection.BeginTransactionAsync(cancellationToken));
            // EXCLUSIVE still lets readers read, but no append can start until the import commits or rolls back.
            await using var command = new NpgsqlCommand("LOCK TABLE ledger.streams, ledger.events IN EXCLUSIVE MODE", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return import;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    protected override async Task<bool> HoldsEventsAsync(CancellationToken cancellationToken)
    {
        await using var any = new NpgsqlCommand("SELECT EXISTS (SELECT FROM ledger.events) OR EXISTS (SELECT FROM ledger.streams)", _connection);
        return (bool)(await any.ExecuteScalarAsync(cancellationToken))!;
    }

    protected override async Task WriteEventsAsync(List<RecordedEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var copy = await _connection.BeginBinaryImportAsync(
                "COPY ledger.events (position, event_id, stream_id, version, type, data, metadata, recorded_at, hash) FROM STDIN (FORMAT BINARY)",
                cancellationToken);
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
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ImportRefusedException($"The import is refused: {e.MessageText} ({e.ConstraintName}). Nothing was imported.", e);
        }
    }

    protected override async Task WriteStreamsAsync(ImportChain chain, CancellationToken cancellationToken)
    {
        await using (var streams = await _connection.BeginBinaryImportAsync(
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
            await using var sequence = new NpgsqlCommand("SELECT setval('ledger.events_position_seq', $1)", _connection);
            sequence.Parameters.Add(new() { Value = chain.Head.Position });
            await sequence.ExecuteScalarAsync(cancellationToken);
        }
    }

    protected override Task CommitAsync(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);
}
