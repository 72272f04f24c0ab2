using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// Appends through the writer connection with statements prepared once: the append path is the ledger's hot
/// path and is benchmarked against a raw SQLite loop. Appends that queue up are committed together by the
/// <see cref="SqliteCommitQueue"/>.
/// </summary>
internal sealed class SqliteAppender : IDisposable
{
    private readonly SqliteWriter _writer;
    private readonly EventStoreOptions _options;
    private readonly SqliteCommand _readStream;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _upsertStream;
    private readonly SqliteCommand _readKey;
    private readonly SqliteCommand _insertKey;
    private readonly SqliteCommitQueue _commits;

    public SqliteAppender(SqliteWriter writer, EventStoreOptions options)
    {
        _writer = writer;
        _options = options;
        // The join finds the stream's last hash through the (stream_id, version) index: no extra column to keep in step.
        _readStream = writer.Prepare(
            "SELECT s.version, e.hash FROM streams s JOIN events e ON e.stream_id = s.id AND e.version = s.version WHERE s.id = $id",
            ("$id", SqliteType.Text));
        _insertEvent = writer.Prepare(
            """
            INSERT INTO events (event_id, stream_id, version, type, data, metadata, recorded_at, hash)
            VALUES ($event_id, $stream_id, $version, $type, $data, $metadata, $recorded_at, $hash)
            """,
            ("$event_id", SqliteType.Text), ("$stream_id", SqliteType.Text), ("$version", SqliteType.Integer), ("$type", SqliteType.Text),
            ("$data", SqliteType.Text), ("$metadata", SqliteType.Text), ("$recorded_at", SqliteType.Text), ("$hash", SqliteType.Text));
        _upsertStream = writer.Prepare(
            "INSERT INTO streams (id, version) VALUES ($id, $version) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            ("$id", SqliteType.Text), ("$version", SqliteType.Integer));
        _readKey = writer.Prepare(
            "SELECT request_hash, result, response FROM idempotency_keys WHERE key = $key", ("$key", SqliteType.Text));
        _insertKey = writer.Prepare(
            "INSERT INTO idempotency_keys (key, request_hash, result, response, recorded_at) VALUES ($key, $request_hash, $result, $response, $recorded_at)",
            ("$key", SqliteType.Text), ("$request_hash", SqliteType.Text), ("$result", SqliteType.Text), ("$response", SqliteType.Text),
            ("$recorded_at", SqliteType.Text));
        _commits = new SqliteCommitQueue(writer, options.Appended, WriteAsync);
    }

    public async Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency, Action<AppendResult>? written, CancellationToken cancellationToken)
    {
        AppendRules.Validate(appends);
        return await _commits.AppendAsync(appends, idempotency, written, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One append inside the commit queue's transaction: what it writes is seen by the appends after it in the batch
    /// (versions, hashes, idempotency keys), as one transaction sees its own writes. The queue commits and notifies.
    /// </summary>
    private async Task<AppendResult> WriteAsync(SqliteWriteScope scope, QueuedAppend queued)
    {
        var (appends, idempotency, cancellationToken) = (queued.Appends, queued.Idempotency, queued.CancellationToken);
        var transaction = scope.Transaction;
        if (idempotency is not null && ReadKey(transaction, idempotency.Key) is { } stored)
        {
            return stored.RequestHash == idempotency.RequestHash
                ? stored.Result
                : throw new IdempotencyConflictException(idempotency.Key);
        }

        // Every expectation is checked before the first insert, so a refused append writes nothing at all.
        var heads = new (long Version, string Hash)[appends.Count];
        for (var i = 0; i < appends.Count; i++)
        {
            heads[i] = ReadStream(transaction, appends[i].StreamId);
            if (!appends[i].ExpectedVersion.IsSatisfiedBy(heads[i].Version))
            {
                throw new ConcurrencyException(appends[i].StreamId, appends[i].ExpectedVersion, heads[i].Version);
            }
        }

        // One time for the whole append: its events happened together.
        var recordedAt = EventHasher.Truncate(_options.Clock.GetUtcNow());
        var recordedAtText = EventHasher.FormatTime(recordedAt);
        var recorded = _options.InlineProjections.Count > 0 ? new List<RecordedEvent>() : null;
        var versions = new StreamVersion[appends.Count];
        long lastPosition = 0;
        for (var i = 0; i < appends.Count; i++)
        {
            var (streamId, (version, hash)) = (appends[i].StreamId, heads[i]);
            foreach (var e in appends[i].Events)
            {
                version++;
                var metadata = e.Metadata.ToJson();
                hash = EventHasher.Compute(hash, e.EventId, e.Type, streamId, version, e.Data, metadata, recordedAtText);
                lastPosition = InsertEvent(transaction, e, streamId, version, metadata, recordedAtText, hash);
                if (recorded is not null)
                {
                    var recordedEvent = new RecordedEvent(e.EventId, streamId, version, lastPosition, e.Type, e.Data, metadata, recordedAt, hash);
                    DecidedEvents.Offer(recordedEvent, e.Decided);
                    recorded.Add(recordedEvent);
                }
            }

            UpsertStream(transaction, streamId, version);
            versions[i] = new StreamVersion(streamId, version);
        }

        var result = new AppendResult(versions, lastPosition) { RecordedAt = recordedAt };
        if (recorded is not null)
        {
            var lent = SqliteReadModelTransaction.Borrowing(scope);
            foreach (var projection in _options.InlineProjections)
            {
                await projection.ApplyAsync(lent, recorded, cancellationToken).ConfigureAwait(false);
            }
        }

        string? response = null;
        if (idempotency is not null)
        {
            response = idempotency.DescribeResponse?.Invoke(result);
            InsertKey(transaction, idempotency, result, response, recordedAtText);
        }

        if (_options.BeforeCommit is { } beforeCommit)
        {
            await beforeCommit(appends, cancellationToken).ConfigureAwait(false);
        }

        return response is null ? result : result with { Response = response };
    }

    private (long Version, string Hash) ReadStream(SqliteTransaction transaction, string streamId)
    {
        _readStream.Transaction = transaction;
        _readStream.Parameters[0].Value = streamId;
        using var reader = _readStream.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, EventHasher.GenesisHash);
    }

    private long InsertEvent(
        SqliteTransaction transaction, NewEvent e, string streamId, long version, string metadata, string recordedAt, string hash)
    {
        var p = _insertEvent.Parameters;
        _insertEvent.Transaction = transaction;
        p[0].Value = e.EventId.ToString("D");
        p[1].Value = streamId;
        p[2].Value = version;
        p[3].Value = e.Type;
        p[4].Value = e.Data;
        p[5].Value = metadata;
        p[6].Value = recordedAt;
        p[7].Value = hash;
        try
        {
            _insertEvent.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == raw.SQLITE_CONSTRAINT && ex.Message.Contains("events.event_id", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Event '{e.EventId}' is already in the ledger; an event id is appended once.", ex);
        }

        // The position is the rowid SQLite just chose: cheaper than RETURNING, which would need a data reader.
        return raw.sqlite3_last_insert_rowid(_writer.Connection.Handle);
    }

    private void UpsertStream(SqliteTransaction transaction, string streamId, long version)
    {
        _upsertStream.Transaction = transaction;
        _upsertStream.Parameters[0].Value = streamId;
        _upsertStream.Parameters[1].Value = version;
        _upsertStream.ExecuteNonQuery();
    }

    private StoredIdempotencyKey? ReadKey(SqliteTransaction transaction, string key)
    {
        _readKey.Transaction = transaction;
        _readKey.Parameters[0].Value = key;
        using var reader = _readKey.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var response = reader.IsDBNull(2) ? null : reader.GetString(2);
        return new StoredIdempotencyKey(key, reader.GetString(0), AppendRules.DeserializeResult(reader.GetString(1), response), default);
    }

    private void InsertKey(SqliteTransaction transaction, IdempotencyKey key, AppendResult result, string? response, string recordedAt)
    {
        var p = _insertKey.Parameters;
        _insertKey.Transaction = transaction;
        p[0].Value = key.Key;
        p[1].Value = key.RequestHash;
        p[2].Value = AppendRules.SerializeResult(result);
        p[3].Value = (object?)response ?? DBNull.Value;
        p[4].Value = recordedAt;
        _insertKey.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _readStream.Dispose();
        _insertEvent.Dispose();
        _upsertStream.Dispose();
        _readKey.Dispose();
        _insertKey.Dispose();
        _commits.Dispose();
    }
}
