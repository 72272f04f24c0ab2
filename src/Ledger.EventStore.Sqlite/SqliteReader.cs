using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// Reads on connections of their own: WAL gives each statement a snapshot while the writer writes.
/// Positions are rowids assigned under one writer lock, so every committed position is below every uncommitted
/// one: the high-water mark on SQLite is simply the last committed event. A read can see a commit before it is synced
/// (see <see cref="SqliteWalSync"/>), so nothing read is handed on before it is settled on disk.
/// </summary>
internal sealed class SqliteReader(SqliteConnections connections, SqliteWalSync walSync, int batchSize)
{
    private const string Columns = RelationalDialect.EventColumns;

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(
        string streamId, long fromVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A stream is one household or item: small enough to fetch whole, so no read snapshot outlives this call.
        List<RecordedEvent> events;
        using (var connection = connections.OpenReader())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {Columns} FROM events WHERE stream_id = $stream AND version >= $from ORDER BY version";
            command.Parameters.AddWithValue("$stream", streamId);
            command.Parameters.AddWithValue("$from", fromVersion);
            events = ReadBatch(command, int.MaxValue);
        }

        await walSync.SettledAsync().ConfigureAwait(false);
        foreach (var e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return e;
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        // Keyset paging: each batch is a short read of its own, so a slow consumer holds no snapshot open
        // and memory stays at two batches however long the ledger is.
        command.CommandText = $"SELECT {Columns} FROM events WHERE position > $after ORDER BY position LIMIT $limit";
        var after = command.Parameters.Add("$after", SqliteType.Integer);
        command.Parameters.AddWithValue("$limit", batchSize);
        command.Prepare();

        // While the caller works through one batch, the next is read on another thread (SQLite reads block the
        // thread that asks), so reading and the caller's work overlap as on PostgreSQL. One batch at a time uses
        // the connection, never two.
        Task<List<RecordedEvent>>? next = ReadBatchAfterAsync(command, after, afterPosition, cancellationToken);
        try
        {
            while (next is not null)
            {
                var batch = await next.ConfigureAwait(false);
                next = batch.Count == batchSize ? ReadBatchAfterAsync(command, after, batch[^1].Position, cancellationToken) : null;
                await walSync.SettledAsync().ConfigureAwait(false);
                foreach (var e in batch)
                {
                    yield return e;
                }
            }
        }
        finally
        {
            if (next is not null)
            {
                // The caller stopped early: let the batch in flight finish before its connection is disposed.
                await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                    .ConfigureAwait(false);
            }
        }
    }

    public async Task<LedgerHead> ReadHeadAsync()
    {
        LedgerHead head;
        using (var connection = connections.OpenReader())
        using (var command = connection.CreateCommand())
        {
            // One statement, one snapshot: the count always belongs to the head it is reported with.
            command.CommandText = "SELECT position, hash, (SELECT COUNT(*) FROM events) FROM events ORDER BY position DESC LIMIT 1";
            using var reader = command.ExecuteReader();
            head = reader.Read()
                ? new LedgerHead(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2))
                : new LedgerHead(0, EventHasher.GenesisHash, 0);
        }

        await walSync.SettledAsync().ConfigureAwait(false);
        return head;
    }

    public async IAsyncEnumerable<StreamHead> ReadStreamHeadsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // SQLite's streams table keeps no hash: the writer reads the last hash from the events themselves.
        using var connection = connections.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, version FROM streams ORDER BY id";
        using var reader = command.ExecuteReader();
        // The first step takes the snapshot: once it is settled, so is every row after it.
        for (var first = true; reader.Read(); first = false)
        {
            if (first)
            {
                await walSync.SettledAsync().ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return new StreamHead(reader.GetString(0), reader.GetInt64(1), null);
        }
    }

    public async Task<StoredIdempotencyKey?> FindIdempotencyKeyAsync(string key)
    {
        StoredIdempotencyKey? stored = null;
        using (var connection = connections.OpenReader())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT request_hash, result, response, recorded_at FROM idempotency_keys WHERE key = $key";
            command.Parameters.AddWithValue("$key", key);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                var response = reader.IsDBNull(2) ? null : reader.GetString(2);
                stored = new StoredIdempotencyKey(
                    key, reader.GetString(0), AppendRules.DeserializeResult(reader.GetString(1), response), SqliteTime.Parse(reader.GetString(3)));
            }
        }

        // A retried request is answered from its key only once the append the key belongs to is on disk.
        await walSync.SettledAsync().ConfigureAwait(false);
        return stored;
    }

    private Task<List<RecordedEvent>> ReadBatchAfterAsync(
        SqliteCommand command, SqliteParameter after, long position, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                after.Value = position;
                return ReadBatch(command, batchSize);
            },
            cancellationToken);

    private static List<RecordedEvent> ReadBatch(SqliteCommand command, int capacityHint)
    {
        var events = new List<RecordedEvent>(Math.Min(capacityHint, 1024));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            events.Add(SqliteDialect.Instance.ReadEvent(reader));
        }

        return events;
    }
}
