using System.Collections.Concurrent;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// Group commit on PostgreSQL. Appends that need a transaction (inline read models, a stored response) queue for one
/// connection of the store's own, which writes whatever queued in one transaction (<see cref="PostgresGroupTransaction"/>)
/// and answers them all once the COMMIT has returned. One WAL flush then covers a batch, and the sales of a popular
/// item that queue behind each other are written one after another in one transaction, instead of each waiting on
/// the row lock of the one before until its COMMIT: that wait, not the server's capacity, set the counter's pace.
/// </summary>
/// <remarks>
/// If the COMMIT fails, or the connection is lost, every append of the batch fails. Nothing is answered before the
/// COMMIT, not even a refusal (see <see cref="QueuedAppend"/>). Written on a thread of its own with the driver's
/// blocking calls, so a batch never waits in the thread pool's queue behind the requests whose appends it writes.
/// </remarks>
internal sealed class PostgresCommitQueue(NpgsqlDataSource dataSource, EventStoreOptions options) : IDisposable
{
    /// <summary>Bounds one transaction: every row it writes stays locked, to other servers too, until its COMMIT.</summary>
    public const int MaxBatch = 64;

    /// <summary>
    /// How long an append after the first of a transaction may wait for a lock (a stream row, a key, a read-model row).
    /// The transaction then holds the rows of the appends before it, and another server's batch may be waiting for one
    /// of those while holding the one wanted here: two group-commit queues on one database deadlocked that way (40P01,
    /// a one-second stall per deadlock and a failed append). An append that times out is taken out of its rolled-back
    /// round trip and goes first in the next batch, where it waits holding nothing, and takes its streams in the
    /// function's one order; so no transaction ever waits unboundedly while holding a row, and no cycle can form.
    /// </summary>
    public const int LockTimeoutMs = 5;

    private readonly BlockingCollection<Entry> _queue = new();
    // Appends rolled back for a lock another transaction held; the drain thread alone touches it, and writes them first.
    private readonly Queue<Entry> _deferred = new();
    private readonly Lock _starting = new();
    private Thread? _thread;

    /// <summary>The store's options: its inline projections and fault hook, which the batch's transaction runs.</summary>
    internal EventStoreOptions Options => options;

    /// <summary>Puts <paramref name="entry"/> first in the next batch: it waited too long for a lock another transaction held.</summary>
    internal void Defer(Entry entry) => _deferred.Enqueue(entry);

    /// <summary>Queues a checked append (<paramref name="request"/>) for the next batch; answered after its COMMIT.</summary>
    public Task<AppendResult> AppendAsync(
        PostgresAppendRequest request, IdempotencyKey? idempotency, Action<AppendResult>? written, CancellationToken cancellationToken)
    {
        var queued = new QueuedAppend(request.Appends, idempotency, written, cancellationToken);
        if (_thread is null)
        {
            lock (_starting)
            {
                _thread ??= StartThread();
            }
        }

        try
        {
            _queue.Add(new Entry(queued, request), CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(PostgresEventStore));
        }

        return queued.Task;
    }

    private Thread StartThread()
    {
        var thread = new Thread(Drain) { IsBackground = true, Name = "PostgreSQL group commit" };
        thread.Start();
        return thread;
    }

    private void Drain()
    {
        while (TakeFirst() is { } first)
        {
            var batch = new List<Entry> { first };
            WriteBatch(batch);
            batch.ForEach(e => e.Append.Complete());
        }
    }

    /// <summary>The first append of the next batch: a deferred one, else the next queued one; null once stopped and empty.</summary>
    private Entry? TakeFirst()
    {
        if (_deferred.TryDequeue(out var deferred))
        {
            return deferred;
        }

        foreach (var next in _queue.GetConsumingEnumerable())
        {
            if (next.Append.TryTake())
            {
                return next;
            }
        }

        return null;
    }

    /// <summary>Writes the batch and whatever queues while it is written, then commits; never throws.</summary>
    private void WriteBatch(List<Entry> batch)
    {
        try
        {
            using var connection = dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            new PostgresGroupTransaction(this, connection, transaction, batch).Write();
        }
        catch (Exception e)
        {
            // The transaction is lost: none of the batch is written, so none may be answered as written (a refusal,
            // too, may have been decided on the lost writes of the appends before it).
            batch.ForEach(entry => entry.Append.Fail(e));
        }
    }

    /// <summary>
    /// The next queued append that its caller has not given up on, while the batch has room. Deferred appends are not
    /// taken here: each goes first in a batch of its own turn, where it may wait.
    /// </summary>
    internal Entry? Next(List<Entry> batch)
    {
        while (batch.Count < MaxBatch && _queue.TryTake(out var next))
        {
            if (next.Append.TryTake())
            {
                batch.Add(next);
                return next;
            }
        }

        return null;
    }

    /// <summary>Takes no more appends, and waits a while for the ones queued to be written.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _thread?.Join(TimeSpan.FromSeconds(10));
    }

    /// <summary>A queued append and its statement's arguments.</summary>
    internal sealed record Entry(QueuedAppend Append, PostgresAppendRequest Request);
}
