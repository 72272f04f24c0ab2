using System.Collections.Concurrent;
using Npgsql;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// Group commit on PostgreSQL. Appends that need a transaction (inline read models, a stored response) queue for one
/// connection of the store's own, which writes whatever queued in one transaction, each append in its own SAVEPOINT,
/// and answers them all once the COMMIT has returned. One WAL flush then covers a batch, and the sales of a popular
/// item that queue behind each other are written one after another in one transaction, instead of each waiting on
/// the row lock of the one before until its COMMIT: that wait, not the server's capacity, set the counter's pace.
/// </summary>
/// <remarks>
/// <para>Each append's writes go to the server with the next statement: its read models' rows, its key's row and its
/// RELEASE ride in front of the next append's SAVEPOINT and function call, or of the COMMIT. So an append costs one
/// round trip in a batch, and a lone append two, as before.</para>
/// <para>An append the function refuses, or whose rows fail, is rolled back to its savepoint alone; the others land.
/// If the COMMIT fails, or the connection is lost, every append of the batch fails. Nothing is answered before the
/// COMMIT, not even a refusal (see <see cref="QueuedAppend"/>). Written on a thread of its own with the driver's
/// blocking calls, so a batch never waits in the thread pool's queue behind the requests whose appends it writes.</para>
/// </remarks>
internal sealed class PostgresCommitQueue(NpgsqlDataSource dataSource, EventStoreOptions options) : IDisposable
{
    /// <summary>Bounds one transaction: every row it writes stays locked, to other servers too, until its COMMIT.</summary>
    public const int MaxBatch = 64;

    /// <summary>
    /// How long an append after the first of a batch may wait for a lock (a stream row, a key, a read-model row). The
    /// transaction then holds the rows of the appends before it, and another server's batch may be waiting for one of
    /// those while holding the one wanted here: two group-commit queues on one database deadlocked that way (40P01, a
    /// one-second stall per deadlock and a failed append). An append that times out is rolled back alone and goes
    /// first in the next batch, where it waits holding nothing, and takes its streams in the function's one order; so
    /// no transaction ever waits unboundedly while holding a row, and no cycle can form.
    /// </summary>
    public const int LockTimeoutMs = 5;

    private const string Savepoint = "queued_append";
    private readonly BlockingCollection<Entry> _queue = new();
    // Appends rolled back for a lock another transaction held; the drain thread alone touches it, and writes them first.
    private readonly Queue<Entry> _deferred = new();
    private readonly Lock _starting = new();
    private Thread? _thread;

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
            // The last written append's rows, key row and RELEASE, which go with the next statement.
            NpgsqlBatch? held = null;
            QueuedAppend? heldFor = null;
            var bounded = false;
            for (Entry? entry = batch[0]; entry is (var current, var request);)
            {
                var call = held ?? new NpgsqlBatch(connection, transaction);
                var heldCount = call.BatchCommands.Count;
                held = null;
                if (!bounded && entry != batch[0])
                {
                    // From the second append on, the transaction may hold rows: waits are bounded (see LockTimeoutMs).
                    // Outside the savepoint, so a rolled-back append does not undo it.
                    call.BatchCommands.Add(new NpgsqlBatchCommand($"SET LOCAL lock_timeout = '{LockTimeoutMs}ms'"));
                    bounded = true;
                }

                call.BatchCommands.Add(new NpgsqlBatchCommand($"SAVEPOINT {Savepoint}"));
                call.BatchCommands.Add(PostgresAppendCommands.Call(request, current.Idempotency));
                Appended? appended;
                using (call)
                {
                    try
                    {
                        appended = Execute(call, request);
                    }
                    catch (PostgresException e) when (IsAppends(e) && FailedIn(call) is { } failedAt && failedAt < heldCount)
                    {
                        // The rows of the append before failed: it rolls back alone, and this one, never run, goes again.
                        RollBackToSavepoint(connection, transaction);
                        heldFor!.Fail(e);
                        continue;
                    }
                    catch (PostgresException e) when (IsAppends(e) && bounded && e.SqlState == PostgresErrorCodes.LockNotAvailable && FailedIn(call) is not null)
                    {
                        // Another transaction holds a lock it needs: undone, it goes first in the next batch.
                        RollBackToSavepoint(connection, transaction);
                        batch.Remove(entry);
                        _deferred.Enqueue(entry);
                        entry = Next(batch);
                        continue;
                    }
                    catch (PostgresException e) when (IsAppends(e) && FailedIn(call) is not null)
                    {
                        RollBackToSavepoint(connection, transaction);
                        current.Fail(e);
                        entry = Next(batch);
                        continue;
                    }
                }

                heldFor = current;
                if (appended is null)
                {
                    // The key is stored: the appender answers from it once this transaction (which may hold it) commits.
                    current.Succeed(new AppendResult([], 0, Replayed: true));
                    held = Release(connection, transaction);
                }
                else
                {
                    held = WriteAfter(connection, transaction, request, current, appended);
                }

                entry = Next(batch);
            }

            Commit(connection, transaction, held, heldFor);
        }
        catch (Exception e)
        {
            // The transaction is lost: none of the batch is written, so none may be answered as written (a refusal,
            // too, may have been decided on the lost writes of the appends before it).
            batch.ForEach(entry => entry.Append.Fail(e));
        }
    }

    /// <summary>
    /// Holds the append's read-model rows, key row and RELEASE for the next round trip, and tells the caller it is
    /// written. With a fault hook, the rows go at once and the hook runs inside the savepoint. A projection or hook
    /// that throws undoes the append alone; then nothing is held (null).
    /// </summary>
    private NpgsqlBatch? WriteAfter(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresAppendRequest request, QueuedAppend append, Appended appended)
    {
        var writes = new PostgresReadModelTransaction(connection, transaction, ownsConnection: false, holdWrites: true);
        try
        {
            if (options.InlineProjections.Count > 0)
            {
                var events = request.ToRecordedEvents(appended.Positions, appended.Versions, appended.Hashes);
                foreach (var projection in options.InlineProjections)
                {
                    // Held writes complete at once; a projection that reads blocks this thread only, which has nothing else to do.
                    projection.ApplyAsync(writes, events, append.CancellationToken).GetAwaiter().GetResult();
                }
            }

            if (append.Idempotency is { } idempotency)
            {
                writes.Hold(PostgresAppendCommands.InsertKey(request, idempotency, appended.Result));
            }

            append.Succeed(appended.Result);
            // Nothing after the function can refuse the append: the next one of its streams may be decided now, and queue.
            append.ReportWritten();
            if (options.BeforeCommit is not { } beforeCommit)
            {
                return Release(connection, transaction, writes.TakeHeld());
            }

            writes.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
            beforeCommit(request.Appends, append.CancellationToken).GetAwaiter().GetResult();
            return Release(connection, transaction);
        }
        catch (Exception e) when (e is not NpgsqlException || e is PostgresException pg && IsAppends(pg))
        {
            // The append's own failure, not the connection's: it rolls back alone.
            RollBackToSavepoint(connection, transaction);
            append.Fail(e);
            return null;
        }
    }

    private static void Commit(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBatch? held, QueuedAppend? heldFor)
    {
        var commit = held ?? new NpgsqlBatch(connection, transaction);
        var heldCount = commit.BatchCommands.Count;
        commit.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        using (commit)
        {
            try
            {
                commit.ExecuteNonQuery();
            }
            catch (PostgresException e) when (IsAppends(e) && FailedIn(commit) is { } failedAt && failedAt < heldCount)
            {
                // The last append's rows failed: it rolls back alone, and the rest commit.
                RollBackToSavepoint(connection, transaction);
                heldFor!.Fail(e);
                transaction.Commit();
            }
        }
    }

    private static Appended? Execute(NpgsqlBatch call, PostgresAppendRequest request)
    {
        using var reader = call.ExecuteReader();
        reader.Read();
        return PostgresAppendCommands.ReadAppended(reader, request);
    }

    /// <summary>
    /// True when <paramref name="e"/> is one append's own failure, which its savepoint undoes; false for the server's
    /// or the connection's (shutdown, a standby now, 57P01 when the primary dies), which loses the whole transaction:
    /// rolling back to a savepoint would only fail again, and hide the cause the caller must hear (store unavailable).
    /// </summary>
    private static bool IsAppends(PostgresException e) => !PostgresConnections.IsUnavailable(e);

    /// <summary>
    /// Which statement of the batch failed: the first the server did not complete (this driver does not name the
    /// failed statement of a batch in an explicit transaction). Null if every one completed, and then the batch is
    /// lost, since whose savepoint to roll back is unknown.
    /// </summary>
    private static int? FailedIn(NpgsqlBatch batch)
    {
        for (var i = 0; i < batch.BatchCommands.Count; i++)
        {
            if (batch.BatchCommands[i].StatementType == StatementType.Unknown)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>The savepoint's RELEASE, after <paramref name="writes"/> if the append has any, to go with the next statement.</summary>
    private static NpgsqlBatch Release(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBatch? writes = null)
    {
        var release = writes ?? new NpgsqlBatch(connection, transaction);
        release.BatchCommands.Add(new NpgsqlBatchCommand($"RELEASE SAVEPOINT {Savepoint}"));
        return release;
    }

    private static void RollBackToSavepoint(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using var rollBack = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand($"ROLLBACK TO SAVEPOINT {Savepoint}"), new NpgsqlBatchCommand($"RELEASE SAVEPOINT {Savepoint}") },
        };
        rollBack.ExecuteNonQuery();
    }

    /// <summary>
    /// The next queued append that its caller has not given up on, while the batch has room. Deferred appends are not
    /// taken here: each goes first in a batch of its own turn, where it may wait.
    /// </summary>
    private Entry? Next(List<Entry> batch)
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
    private sealed record Entry(QueuedAppend Append, PostgresAppendRequest Request);
}
