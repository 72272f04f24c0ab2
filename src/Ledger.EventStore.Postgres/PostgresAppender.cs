using System.Text.Json;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// Appends through <c>ledger.append_event</c> (one event) or <c>ledger.append_events</c>, which lock the idempotency
/// key and check it, lock the streams in a stable order, check every expected version before drawing a position,
/// chain the hashes and write the events.
/// </summary>
/// <remarks>
/// A plain append (no inline projection, no response to render, no fault hook) is that one statement in its own
/// implicit transaction: one round trip. Otherwise it queues for the <see cref="PostgresCommitQueue"/>, which writes
/// the appends that queue together in one transaction, each with its inline projections' rows and its idempotency row
/// with the rendered response, and commits them together. The caller hears the append is written when the function
/// has returned: nothing after it can refuse the append, since the key's lock keeps every other append with the key
/// out until the COMMIT, and the streams' row locks keep other servers' appends to them waiting in the server.
/// Races end as the contract says, never as a raw <see cref="PostgresException"/>: a lost version race is a
/// <see cref="ConcurrencyException"/>, a key found stored is answered from the stored key.
/// </remarks>
internal sealed class PostgresAppender(NpgsqlDataSource dataSource, EventStoreOptions options, PostgresIdempotencyKeys keys) : IDisposable
{
    private const string ConcurrencySqlState = "LGCON";
    private readonly PostgresCommitQueue _commits = new(dataSource, options);

    public async Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency, Action<AppendResult>? written, CancellationToken cancellationToken)
    {
        var request = PostgresAppendRequest.From(appends, EventHasher.Truncate(options.Clock.GetUtcNow()));
        try
        {
            var appended = RunsAlone(idempotency)
                ? await AppendAloneAsync(request, idempotency, written, cancellationToken)
                : await QueueAsync(request, idempotency, written, cancellationToken);
            if (appended is null or { Replayed: true })
            {
                // The key was stored already, perhaps by an earlier append of the same batch: answer from it, committed.
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
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "idempotency_keys_pkey")
        {
            // Unreachable while the function holds the key's lock; it is the final guard, so answer like one.
            return await ReplayAsync(idempotency!, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "events_stream_version_key")
        {
            // Unreachable while the function holds the stream locks; it is the final guard, so answer like one.
            throw await ConcurrencyFromCurrentVersionsAsync(appends, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "events_event_id_key")
        {
            // As the SQLite store: an event id is appended once, and a second time is the caller's mistake.
            throw new ArgumentException(await DescribeDuplicateEventIdAsync(request, cancellationToken), nameof(appends), e);
        }
        catch (NpgsqlException e) when (PostgresConnections.IsUnavailable(e))
        {
            throw PostgresConnections.Unavailable(dataSource, e);
        }
    }

    private bool RunsAlone(IdempotencyKey? idempotency) =>
        options.InlineProjections.Count == 0 && options.BeforeCommit is null && idempotency?.DescribeResponse is null;

    private async Task<AppendResult?> AppendAloneAsync(
        PostgresAppendRequest request, IdempotencyKey? idempotency, Action<AppendResult>? written, CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        var appended = (await PostgresAppendCommands.CallAppendAsync(connection, request, idempotency, cancellationToken))?.Result;
        if (appended is not null)
        {
            // One statement is its own transaction: written and committed are one moment.
            written?.Invoke(appended);
        }

        return appended;
    }

    /// <summary>
    /// Queues for group commit. An append whose read-model rows met a lock held by another transaction (another
    /// server's batch; waits are bounded there, see <see cref="PostgresCommitQueue.LockTimeoutMs"/>) was undone alone
    /// after the function had accepted it; it is queued again, and the function checks its expected versions afresh.
    /// </summary>
    private async Task<AppendResult?> QueueAsync(
        PostgresAppendRequest request, IdempotencyKey? idempotency, Action<AppendResult>? written, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _commits.AppendAsync(request, idempotency, written, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable && attempt < MaxLockRetries)
            {
                // Written again below.
            }
        }
    }

    private const int MaxLockRetries = 5;

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

    private async Task<string> DescribeDuplicateEventIdAsync(PostgresAppendRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        await using var command = new NpgsqlCommand("SELECT event_id FROM ledger.events WHERE event_id = ANY ($1) LIMIT 1", connection);
        command.Parameters.Add(new() { Value = request.EventIds });
        return await command.ExecuteScalarAsync(cancellationToken) is Guid stored
            ? $"Event '{stored}' is already in the ledger; an event id is appended once."
            : $"Event '{request.EventIds.GroupBy(id => id).First(g => g.Count() > 1).Key}' appears twice in one append.";
    }

    private static ExpectedVersion ExpectedOf(IReadOnlyList<StreamAppend> appends, string stream) =>
        appends.First(a => a.StreamId == stream).ExpectedVersion;

    public void Dispose() => _commits.Dispose();
}
