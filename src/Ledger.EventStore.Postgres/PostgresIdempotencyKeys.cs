using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>Reads stored idempotency keys (they are written by the append, in its transaction).</summary>
internal sealed class PostgresIdempotencyKeys(NpgsqlDataSource dataSource)
{
    public async Task<StoredIdempotencyKey?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT request_hash, stream_ids, versions, last_position, response, recorded_at " +
            "FROM ledger.idempotency_keys WHERE key = $1", connection);
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var streams = reader.GetFieldValue<string[]>(1);
        var versions = reader.GetFieldValue<long[]>(2);
        var result = new AppendResult(
            [.. streams.Select((s, i) => new StreamVersion(s, versions[i]))],
            reader.GetInt64(3),
            Replayed: true,
            Response: reader.IsDBNull(4) ? null : reader.GetString(4));
        return new StoredIdempotencyKey(key, reader.GetString(0), result, reader.GetFieldValue<DateTimeOffset>(5));
    }
}
