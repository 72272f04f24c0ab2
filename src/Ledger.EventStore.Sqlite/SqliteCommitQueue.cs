using System.Collections.Concurrent;
using Ledger.EventStore.Projections;
using Microsoft.Data.Sqlite;

namespace Ledger.EventStore.Sqlite;

/// <summary>
/// Group commit on the one SQLite writer. Appends that queue while the writer is busy are written in one
/// transaction and made durable by one COMMIT (one WAL fsync): with many concurrent writers the lock hand-off and
/// the commit per append, not the SQL, bound the store. In a batch of several, each append runs in its own SAVEPOINT,
/// so one that is refused part-way rolls back alone and gets its own exception while the others land (a lone append
/// needs none: refused, its transaction is not committed). No append is answered before its COMMIT is synced to
/// disk, and if the COMMIT fails, every append of the batch fails: an acknowledged append is always durable, as when
/// each append committed alone.
/// </summary>
/// <remarks>
/// There is no timer: a batch is whatever is queued when the writer frees up, and whatever queues while it is being
/// written (up to <see cref="MaxBatch"/>), so a lone append is written at once, on its caller's thread, and waits for
/// no company. Batches that queued meanwhile are written on a thread of the queue's own. The COMMIT does not wait for
/// the disk (<see cref="SqliteWalSync"/>): while more appends wait, the sync thread answers the batch once its commit
/// is synced and the writer goes straight on to the next batch; when none wait, the drain lets go of the writer first
/// and then syncs on its own thread, so an append that arrives during the sync is written at once.
/// </remarks>
internal sealed class SqliteCommitQueue(SqliteWriter writer, FeedSignal appended, SqliteCommitQueue.WriteOne write) : IDisposable
{
    /// <summary>
    /// Bounds one transaction: the projection daemon's and the checkpoints' transactions wait for the writer lock
    /// behind it, and one failed COMMIT takes the whole batch down.
    /// </summary>
    public const int MaxBatch = 64;

    private const string Savepoint = "queued_append";

    // Prepared once: SqliteTransaction.Save and Release prepare their statement on every call, about 7 µs per
    // append spent under the writer lock.
    private readonly SqliteCommand _save = writer.Prepare($"SAVEPOINT {Savepoint}");
    private readonly SqliteCommand _release = writer.Prepare($"RELEASE {Savepoint}");
    private readonly SqliteCommand _rollBack = writer.Prepare($"ROLLBACK TO {Savepoint}");
    private readonly ConcurrentQueue<QueuedAppend> _queue = new();
    private readonly SemaphoreSlim _handOff = new(0);
    private Thread? _thread;
    private volatile bool _disposed;
    private int _draining;

    /// <summary>One append's checks and writes, inside the batch's transaction (and its own savepoint if it has company).</summary>
    public delegate Task<AppendResult> WriteOne(SqliteWriteScope scope, QueuedAppend append);

    public Task<AppendResult> AppendAsync(
        IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency, Action<AppendResult>? written, CancellationToken cancellationToken)
    {
        var queued = new QueuedAppend(appends, idempotency, written, cancellationToken);
        _queue.Enqueue(queued);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            _ = DrainAsync();
        }

        return queued.Task;
    }

    /// <summary>Writes one batch; never throws, since a fault here would leave <c>_draining</c> set and stall every append.</summary>
    private async Task DrainAsync()
    {
        var written = await WriteBatchAsync().ConfigureAwait(false);
        var more = KeepDraining();
        AnswerOnceSynced(written, more);
        if (more)
        {
            // Later batches go to the queue's own thread: on the pool they would wait in its queue behind the very
            // requests whose appends they write, while the writer idles.
            HandOff();
        }
    }

    private void HandOff()
    {
        if (_thread is null)
        {
            lock (_handOff)
            {
                _thread ??= StartThread();
            }
        }

        _handOff.Release();
    }

    private Thread StartThread()
    {
        var thread = new Thread(DrainOnOwnThread) { IsBackground = true, Name = "SQLite group commit" };
        thread.Start();
        return thread;
    }

    private void DrainOnOwnThread()
    {
        while (true)
        {
            _handOff.Wait();
            if (_disposed)
            {
                return;
            }

            bool more;
            do
            {
                // Completes synchronously unless the writer lock is taken (a read model's transaction): then it blocks
                // this thread only, which has nothing else to do.
                var written = WriteBatchAsync().GetAwaiter().GetResult();
                more = KeepDraining();
                AnswerOnceSynced(written, more);
            }
            while (more);
        }
    }

    private bool KeepDraining()
    {
        if (!_queue.IsEmpty)
        {
            return true;
        }

        // An append queued between the check above and this release saw the flag still set and started no drain.
        Interlocked.Exchange(ref _draining, 0);
        return !_queue.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0;
    }

    /// <summary>
    /// Answers a written batch once its commit is on disk. If the writer is wanted (<paramref name="writerWanted"/>),
    /// the sync thread answers it and this thread writes the next batch meanwhile; else the drain has let go of the
    /// writer, and this thread syncs while an append that arrives meanwhile starts a drain of its own.
    /// </summary>
    private void AnswerOnceSynced(WrittenBatch written, bool writerWanted)
    {
        if (writerWanted)
        {
            writer.WalSync.WhenSynced(written.Settles, failure => Answer(written.Appends, failure));
            return;
        }

        Exception? failed = null;
        try
        {
            writer.WalSync.Sync(written.Settles);
        }
        catch (IOException e)
        {
            failed = e;
        }

        Answer(written.Appends, failed);
    }

    private async Task<WrittenBatch> WriteBatchAsync()
    {
        var batch = new List<QueuedAppend>();
        // Every commit the batch's decisions can rest on: an idempotent replay or a refusal, too, waits for it to be synced.
        var settles = 0L;
        try
        {
            // Cancellation is per append (see QueuedAppend): the batch itself waits for the writer lock. Disposing
            // the scope rolls back unless committed and releases the lock before the callers are woken.
            using var scope = await writer.BeginAsync(CancellationToken.None).ConfigureAwait(false);
            // Taken after the lock, so everything that queued while it was held joins this batch.
            Take(batch);
            var commit = true;
            if (batch.Count == 1)
            {
                commit = await WriteAloneAsync(scope, batch[0]).ConfigureAwait(false);
            }
            else
            {
                foreach (var append in batch)
                {
                    await WriteInSavepointAsync(scope, append).ConfigureAwait(false);
                }
            }

            // Appends that queued while these were written join before the one COMMIT. Among them are the next sales of
            // the items just written, whose turn passed on once their predecessor was written: without this, a batch held
            // at most one sale per item, and a counter selling a few popular goods paid a COMMIT for every two or three.
            for (var from = batch.Count; commit && from < MaxBatch && Take(batch) > 0; from = batch.Count)
            {
                for (var i = from; i < batch.Count; i++)
                {
                    await WriteInSavepointAsync(scope, batch[i]).ConfigureAwait(false);
                }
            }

            settles = commit ? scope.CommitUnsynced() : writer.WalSync.LastCommit;
        }
        catch (Exception e)
        {
            // No writer, or the transaction is lost: none of the batch is written, so none may be reported as written
            // (a refusal, too, may have been decided on the lost writes of the appends before it).
            if (batch.Count == 0)
            {
                Take(batch);
            }

            batch.ForEach(a => a.Fail(e));
        }

        return new WrittenBatch(batch, settles);
    }

    /// <summary>Answers the batch once its commit is on disk, or fails what it wrote if the sync failed.</summary>
    private void Answer(List<QueuedAppend> batch, Exception? syncFailed)
    {
        if (syncFailed is not null)
        {
            batch.ForEach(a => a.Fail(syncFailed));
        }

        if (batch.Select(a => a.Result).LastOrDefault(r => r is { Replayed: false }) is { } last)
        {
            appended.Notify(last.LastPosition);
        }

        batch.ForEach(a => a.Complete());
    }

    /// <summary>Moves queued appends into the batch, up to <see cref="MaxBatch"/>; returns how many it moved.</summary>
    private int Take(List<QueuedAppend> batch)
    {
        var before = batch.Count;
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var append))
        {
            if (append.TryTake())
            {
                batch.Add(append);
            }
        }

        return batch.Count - before;
    }

    // Alone in its transaction, an append needs no savepoint (two statements fewer at a quiet counter): refused, it is
    // simply not committed, and disposing the scope rolls its writes back.
    private async Task<bool> WriteAloneAsync(SqliteWriteScope scope, QueuedAppend append)
    {
        try
        {
            append.Succeed(await write(scope, append).ConfigureAwait(false));
        }
        catch (Exception e)
        {
            append.Fail(e);
            return false;
        }

        append.ReportWritten();
        return true;
    }

    private async Task WriteInSavepointAsync(SqliteWriteScope scope, QueuedAppend append)
    {
        Execute(_save, scope);
        try
        {
            var result = await write(scope, append).ConfigureAwait(false);
            Execute(_release, scope);
            append.Succeed(result);
        }
        catch (Exception e)
        {
            // Undoes this append's writes only. If even that fails, the exception ends the batch (see WriteBatchAsync).
            Execute(_rollBack, scope);
            Execute(_release, scope);
            append.Fail(e);
            return;
        }

        // Written: only the COMMIT can still fail it. Outside the try, so a caller's hook that throws ends the batch
        // (every append of it fails) rather than rolling back a savepoint that is already released.
        append.ReportWritten();
    }

    /// <param name="Appends">The batch, each with its result or error.</param>
    /// <param name="Settles">The commit the answers wait for: the batch's own, or the last one its decisions rested on.</param>
    private sealed record WrittenBatch(List<QueuedAppend> Appends, long Settles);

    private static void Execute(SqliteCommand command, SqliteWriteScope scope)
    {
        command.Transaction = scope.Transaction;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _disposed = true;
        _handOff.Release();
        _save.Dispose();
        _release.Dispose();
        _rollBack.Dispose();
    }
}
