using System.Runtime.CompilerServices;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>Reads streams, the global feed (up to the high-water mark) and the ledger's head.</summary>
internal sealed class PostgresReader(NpgsqlDataSource dataSource, PostgresHighWaterMark highWaterMark, int batchSize)
{
    private const string Columns = RelationalDialect.EventColumns;

    private readonly Lock _countLock = new();
    private (long Position, long Events) _counted;

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(
        string streamId, long fromVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A stream's committed events always form a prefix of its versions (appends hold the stream's row lock),
        // so a stream read needs no high-water mark.
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM ledger.events WHERE stream_id = $1 AND version >= $2 ORDER BY version", connection);
        command.Parameters.Add(new() { Value = streamId });
        command.Parameters.Add(new() { Value = fromVersion });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return PostgresDialect.Instance.ReadEvent(reader);
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // While the caller works through one page, the next is already on its way (on another pooled connection),
        // so the database and the caller work at the same time. Memory holds at most two pages.
        Task<(List<RecordedEvent> Events, bool More)>? next = ReadPageAsync(afterPosition, cancellationToken);
        try
        {
            while (next is not null)
            {
                var (events, more) = await next;
                afterPosition = events.Count > 0 ? events[^1].Position : afterPosition;
                next = more ? ReadPageAsync(afterPosition, cancellationToken) : null;
                foreach (var e in events)
                {
                    yield return e;
                }
            }
        }
        finally
        {
            if (next is not null)
            {
                // The caller stopped early: let the page in flight finish so its connection goes back to the pool.
                await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    /// <summary>The last event below the high-water mark, and how many events there are up to it.</summary>
    public async Task<LedgerHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
        var settled = await highWaterMark.SettleAsync(
            connection, await PostgresHighWaterMark.LastDrawnAsync(connection, cancellationToken), cancellationToken);

        // The last event at or below the settled mark, then on through events above it while there is no gap.
        var (position, hash) = await LastEventAtOrBeforeAsync(connection, settled, cancellationToken);
        var cursor = Math.Max(position, settled);
        while (true)
        {
            var page = await ReadPageAsync(cursor, cancellationToken);
            if (page.Events.Count > 0)
            {
                (position, hash) = (page.Events[^1].Position, page.Events[^1].Hash);
                cursor = position;
            }

            if (!page.More)
            {
                break;
            }
        }

        return new LedgerHead(position, hash, await CountUpToAsync(connection, position, cancellationToken));
    }

    /// <summary>
    /// One page after <paramref name="cursor"/>, cut just before the first hole that may still fill.
    /// <c>More</c> says whether to ask again at once: the page was full, or a hole settled and the rest is worth re-reading.
    /// </summary>
    private async Task<(List<RecordedEvent> Events, bool More)> ReadPageAsync(long cursor, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await PostgresConnections.OpenAsync(dataSource, cancellationToken);
            var settledBeforeQuery = highWaterMark.Settled;
            var events = await QueryPageAsync(connection, cursor, cancellationToken);
            var expected = cursor + 1;
            for (var i = 0; i < events.Count; i++)
            {
                var position = events[i].Position;
                if (position != expected)
                {
                    // Only a mark settled before this query began proves the hole permanent for this snapshot.
                    if (position - 1 > settledBeforeQuery)
                    {
                        var settled = await highWaterMark.SettleAsync(connection, position - 1, cancellationToken);
                        events.RemoveRange(i, events.Count - i);
                        return (events, More: settled >= position - 1);
                    }

                    highWaterMark.LogSkipped(expected, position - 1);
                }

                expected = position + 1;
            }

            return (events, More: events.Count == batchSize);
        }
        catch (NpgsqlException e) when (PostgresConnections.IsUnavailable(e))
        {
            throw PostgresConnections.Unavailable(dataSource, e);
        }
    }

    private async Task<List<RecordedEvent>> QueryPageAsync(NpgsqlConnection connection, long cursor, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM ledger.events WHERE position > $1 ORDER BY position LIMIT $2", connection);
        command.Parameters.Add(new() { Value = cursor });
        command.Parameters.Add(new() { Value = batchSize });
        var events = new List<RecordedEvent>(batchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(PostgresDialect.Instance.ReadEvent(reader));
        }

        return events;
    }

    private static async Task<(long Position, string Hash)> LastEventAtOrBeforeAsync(
        NpgsqlConnection connection, long position, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT position, hash FROM ledger.events WHERE position <= $1 ORDER BY position DESC LIMIT 1", connection);
        command.Parameters.Add(new() { Value = position });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0, EventHasher.GenesisHash);
    }

    /// <summary>Counts events up to a settled position, counting only the part not counted before.</summary>
    private async Task<long> CountUpToAsync(NpgsqlConnection connection, long position, CancellationToken cancellationToken)
    {
        (long Position, long Events) from;
        lock (_countLock)
        {
            from = _counted.Position <= position ? _counted : (0, 0);
        }

        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM ledger.events WHERE position > $1 AND position <= $2", connection);
        command.Parameters.Add(new() { Value = from.Position });
        command.Parameters.Add(new() { Value = position });
        var events = from.Events + (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        lock (_countLock)
        {
            if (position > _counted.Position)
            {
                _counted = (position, events);
            }
        }

        return events;
    }
}
