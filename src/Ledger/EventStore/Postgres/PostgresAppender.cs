using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// Appends through <c>ledger.append_events</c>, which checks the idempotency key, locks the streams in a stable
/// order, checks every expected version before drawing a position, chains the hashes and writes the events.
/// </summary>
/// <remarks>
/// A plain append (no inline projection, no response to render, no fault hook) is that one statement in its own
/// implicit transaction: one round trip. Otherwise the function runs inside an explicit transaction, followed by
/// the inline projections, the idempotency row with its rendered response, the hook and the commit.
/// Races end as the contract says, never as a raw <see cref="PostgresException"/>: a lost version race is a
/// <see cref="ConcurrencyException"/>, a lost idempotency-key race re-reads the stored key.
/// </remarks>
internal sealed class PostgresAppender(NpgsqlDataSource dataSource, EventStoreOptions options, PostgresIdempotencyKeys keys)
{
    private const string ConcurrencySqlState = "LGCON";
    private const string KeyStoredMeanwhileSqlState = "LGRPL";
    private const string AppendSql =
        "SELECT replayed, stream_versions, positions, versions, hashes " +
        "FROM ledger.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    private const string InsertKeySql =
        "INSERT INTO ledger.idempotency_keys (key, request_hash, stream_ids, versions, last_position, response, recorded_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7)";

    public async Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency, CancellationToken cancellationToken)
    {
        var request = PostgresAppendRequest.From(appends, EventHasher.Truncate(options.Clock.GetUtcNow()));
        try
        {
            var appended = RunsAlone(idempotency)
                ? await AppendAloneAsync(request, idempotency, cancellationToken)
                : await AppendInTransactionAsync(request, idempotency, cancellationToken);
            if (appended is null)
            {
                return await ReplayAsync(idempotency!, cancellationToken);
            }

            options.Appended.Notify(appended.LastPosition);
            return appended;
        }
        catch (PostgresException e) when (e.SqlState == ConcurrencySqlState)
        {
            // Lost to a retry of the same request? Then answer as its replay, not as a conflict.
            if (idempotency is not null && await keys.FindAsync(idempotency.Key, cancellationToken) is not null)
            {
                return await ReplayAsync(idempotency, cancellationToken);
            }

            using var hint = JsonDocument.Parse(e.Hint!);
            var stream = hint.RootElement.GetProperty("stream").GetString()!;
            throw new ConcurrencyException(stream, ExpectedOf(appends, stream), hint.RootElement.GetProperty("actual").GetInt64());
        }
        catch (PostgresException e) when (e.SqlState == KeyStoredMeanwhileSqlState
                                          || (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "idempotency_keys_pkey"))
        {
            return await ReplayAsync(idempotency!, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "events_stream_version_key")
        {
            // Unreachable while the function holds the stream locks; it is the final guard, so answer like one.
            throw await ConcurrencyFromCurrentVersionsAsync(appends, cancellationToken);
        }
        catch (NpgsqlException e) when (PostgresConnections.IsUnavailable(e))
        {
            throw PostgresConnections.Unavailable(dataSource, e);
        }
    }

    private bool RunsAlone(IdempotencyKey? idempotency) =>
        options.InlineProjections.Count == 0 && options.BeforeCommit is null && idempotency?.DescribeResponse is null;

    private async Task<AppendResult?> AppendAloneAsync(
        PostgresAppendRequest request, IdempotencyKey? idempotency, CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        return (await CallAppendAsync(connection, null, request, idempotency, storeKey: true, cancellationToken))?.Result;
    }

    private async Task<AppendResult?> AppendInTransactionAsync(
        PostgresAppendRequest request, IdempotencyKey? idempotency, CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await CallAppendAsync(connection, transaction, request, idempotency, storeKey: false, cancellationToken) is not { } appended)
        {
            return null;
        }

        if (options.InlineProjections.Count > 0)
        {
            var readModel = new PostgresReadModelTransaction(connection, transaction, ownsConnection: false);
            var events = request.ToRecordedEvents(appended.Positions, appended.Versions, appended.Hashes);
            foreach (var projection in options.InlineProjections)
            {
                await projection.ApplyAsync(readModel, events, cancellationToken);
            }
        }

        if (idempotency is not null)
        {
            await InsertKeyAsync(connection, transaction, request, idempotency, appended.Result, cancellationToken);
        }

        if (options.BeforeCommit is not null)
        {
            await options.BeforeCommit(request.Appends, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return appended.Result;
    }

    private static async Task<Appended?> CallAppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, PostgresAppendRequest request,
        IdempotencyKey? idempotency, bool storeKey, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(AppendSql, connection, transaction)
        {
            Parameters =
            {
                new() { Value = request.Streams, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = request.Expected, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = request.EventStreams, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new() { Value = request.EventIds, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { Value = request.Types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = request.Data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = request.Metadata, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = request.RecordedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new() { Value = (object?)idempotency?.Key ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = (object?)idempotency?.RequestHash ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = storeKey, NpgsqlDbType = NpgsqlDbType.Boolean },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetBoolean(0))
        {
            return null;
        }

        var streamVersions = reader.GetFieldValue<long[]>(1);
        var positions = reader.GetFieldValue<long[]>(2);
        var result = new AppendResult(
            [.. request.Streams.Select((s, i) => new StreamVersion(s, streamVersions[i]))],
            positions.Length > 0 ? positions[^1] : 0);
        return new Appended(result, positions, reader.GetFieldValue<long[]>(3), reader.GetFieldValue<string[]>(4));
    }

    private static async Task InsertKeyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresAppendRequest request,
        IdempotencyKey idempotency, AppendResult result, CancellationToken cancellationToken)
    {
        var response = idempotency.DescribeResponse?.Invoke(result);
        await using var command = new NpgsqlCommand(InsertKeySql, connection, transaction)
        {
            Parameters =
            {
                new() { Value = idempotency.Key, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = idempotency.RequestHash, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = request.Streams, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = result.Streams.Select(s => s.Version).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
                new() { Value = result.LastPosition, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = (object?)response ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = request.RecordedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<AppendResult> ReplayAsync(IdempotencyKey idempotency, CancellationToken cancellationToken)
    {
        var stored = await keys.FindAsync(idempotency.Key, cancellationToken)
            ?? throw new InvalidOperationException($"Idempotency key '{idempotency.Key}' was reported stored but cannot be read.");
        return stored.RequestHash == idempotency.RequestHash
            ? stored.Result
            : throw new IdempotencyConflictException(idempotency.Key);
    }

    private async Task<ConcurrencyException> ConcurrencyFromCurrentVersionsAsync(
        IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id, version FROM ledger.streams WHERE id = ANY ($1)", connection);
        command.Parameters.Add(new() { Value = appends.Select(a => a.StreamId).ToArray() });
        var versions = new Dictionary<string, long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                versions[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var failed = appends.FirstOrDefault(a => !a.ExpectedVersion.IsSatisfiedBy(versions.GetValueOrDefault(a.StreamId))) ?? appends[0];
        return new ConcurrencyException(failed.StreamId, failed.ExpectedVersion, versions.GetValueOrDefault(failed.StreamId));
    }

    private static ExpectedVersion ExpectedOf(IReadOnlyList<StreamAppend> appends, string stream) =>
        appends.First(a => a.StreamId == stream).ExpectedVersion;

    private sealed record Appended(AppendResult Result, long[] Positions, long[] Versions, string[] Hashes);
}
