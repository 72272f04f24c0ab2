using Npgsql;
using NpgsqlTypes;

namespace Ledger.EventStore.Postgres;

/// <summary>The statements of an append: the call of the append function and the idempotency row.</summary>
internal static class PostgresAppendCommands
{
    private const string AppendEventSql =
        "SELECT replayed, stream_version, event_position, event_hash " +
        "FROM ledger.append_event($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

    private const string AppendEventsSql =
        "SELECT replayed, stream_versions, positions, versions, hashes " +
        "FROM ledger.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

    private const string InsertKeySql =
        "INSERT INTO ledger.idempotency_keys (key, request_hash, stream_ids, versions, last_position, response, recorded_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7)";

    /// <summary>One append alone, storing its key itself: one statement, its own implicit transaction.</summary>
    public static async Task<Appended?> CallAppendAsync(
        NpgsqlConnection connection, PostgresAppendRequest request, IdempotencyKey? idempotency, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql(request), connection);
        command.Parameters.AddRange(Arguments(request, idempotency, storeKey: true));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadAppended(reader, request);
    }

    /// <summary>The call for a batch (<see cref="PostgresCommitQueue"/>), which stores the key with its response itself.</summary>
    public static NpgsqlBatchCommand Call(PostgresAppendRequest request, IdempotencyKey? idempotency)
    {
        var command = new NpgsqlBatchCommand(Sql(request));
        command.Parameters.AddRange(Arguments(request, idempotency, storeKey: false));
        return command;
    }

    /// <summary>What the function answered, from a reader on its row; null if the key was stored already.</summary>
    public static Appended? ReadAppended(NpgsqlDataReader reader, PostgresAppendRequest request)
    {
        if (reader.GetBoolean(0))
        {
            return null;
        }

        long[] streamVersions, positions, versions;
        string[] hashes;
        if (request.EventIds.Length == 1)
        {
            streamVersions = versions = [reader.GetInt64(1)];
            positions = [reader.GetInt64(2)];
            hashes = [reader.GetString(3)];
        }
        else
        {
            streamVersions = reader.GetFieldValue<long[]>(1);
            positions = reader.GetFieldValue<long[]>(2);
            versions = reader.GetFieldValue<long[]>(3);
            hashes = reader.GetFieldValue<string[]>(4);
        }

        var result = new AppendResult(
            [.. request.Streams.Select((s, i) => new StreamVersion(s, streamVersions[i]))],
            positions[^1]) { RecordedAt = request.RecordedAt };
        return new Appended(result, positions, versions, hashes);
    }

    private static string Sql(PostgresAppendRequest request) => request.EventIds.Length == 1 ? AppendEventSql : AppendEventsSql;

    private static NpgsqlParameter[] Arguments(PostgresAppendRequest request, IdempotencyKey? idempotency, bool storeKey)
    {
        NpgsqlParameter[] events = request.EventIds.Length == 1
            ?
            [
                new() { Value = request.Streams[0], NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = request.Expected[0], NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = request.EventIds[0], NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = request.Types[0], NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = request.Data[0], NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = request.Metadata[0], NpgsqlDbType = NpgsqlDbType.Text },
            ]
            :
            [
                new() { Value = request.Streams, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = request.Expected, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = request.LockOrder, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new() { Value = request.EventStreams, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new() { Value = request.EventIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { Value = request.Types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = request.Data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = request.Metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            ];
        return
        [
            .. events,
            new() { Value = request.RecordedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            new() { Value = (object?)idempotency?.Key ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = (object?)idempotency?.RequestHash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new() { Value = storeKey, NpgsqlDbType = NpgsqlDbType.Boolean },
        ];
    }

    /// <summary>The idempotency row with the rendered response, to go in the batch of the append's inline writes.</summary>
    public static NpgsqlBatchCommand InsertKey(PostgresAppendRequest request, IdempotencyKey idempotency, AppendResult result) =>
        new(InsertKeySql)
        {
            Parameters =
            {
                new() { Value = idempotency.Key, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = idempotency.RequestHash, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = request.Streams, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = result.Streams.Select(s => s.Version).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = result.LastPosition, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = (object?)idempotency.DescribeResponse?.Invoke(result) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = request.RecordedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            },
        };
}

/// <summary>What the append function wrote: the result, and per event its position, version and hash.</summary>
internal sealed record Appended(AppendResult Result, long[] Positions, long[] Versions, string[] Hashes);
