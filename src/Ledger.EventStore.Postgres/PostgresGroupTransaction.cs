using Npgsql;
using Entry = Ledger.EventStore.Postgres.PostgresCommitQueue.Entry;

namespace Ledger.EventStore.Postgres;

/// <summary>
/// One transaction of <see cref="PostgresCommitQueue"/>: the appends of its batch, written in pipelines. A pipeline is
/// every append queued when a round trip leaves: their function calls go in that one round trip, inside one SAVEPOINT,
/// and their read-model rows, key rows and RELEASE go in front of the next pipeline's calls (or of the COMMIT). So the
/// server runs the calls back to back, and an append costs a share of a round trip rather than one of its own.
/// </summary>
/// <remarks>
/// <para>A pipeline lands or rolls back whole. When one of its appends fails (its call refuses it, a lock wait runs out,
/// a projection throws, its rows fail) the pipeline is rolled back to its SAVEPOINT; that append fails (or, for a lock,
/// waits for the next batch), and the others go again, first, in the next round trip. Their callers may have heard
/// "written" already, and are not told twice: written again, an append lands on the same versions, unless it was
/// decided on the one that failed, and then it fails as a lost append does.</para>
/// <para>Two appends with one idempotency key never share a pipeline: the later one must see the earlier one's key row,
/// which is only sent with the next round trip.</para>
/// </remarks>
internal sealed class PostgresGroupTransaction(
    PostgresCommitQueue queue, NpgsqlConnection connection, NpgsqlTransaction transaction, List<Entry> batch)
{
    private const string Savepoint = "pipeline";

    // Taken for this transaction and to be written first: the batch's first, or the survivors of a rolled-back pipeline.
    private readonly List<Entry> _next = [batch[0]];

    // An append refused in a pipeline after other calls, whose rows may yet fail: it heads a pipeline of its own.
    private Entry? _firstOfPipeline;

    // The last pipeline: its calls ran, its rows wait in _rows for the next round trip, with its RELEASE.
    private List<Entry> _pending = [];
    private PostgresReadModelTransaction? _rows;

    // Whether the transaction holds rows of released pipelines; whether lock waits are bounded for good, or by the
    // pending pipeline, until its RELEASE (a rollback of it undoes the setting).
    private bool _holdsRows;
    private bool _bounded;
    private bool _pendingBounds;

    /// <summary>Writes pipelines until none is queued, then commits with the last one's rows.</summary>
    public void Write()
    {
        while (true)
        {
            var calls = TakePipeline();
            var plan = Plan(calls);
            using (plan.Batch)
            {
                Appended?[] results;
                try
                {
                    results = Execute(plan.Batch, calls);
                }
                catch (PostgresException e) when (IsAppends(e) && PostgresReadModelTransaction.FailedIn(plan.Batch) is { } failedAt)
                {
                    if (!Failed(e, failedAt, plan, calls))
                    {
                        throw; // a RELEASE, SAVEPOINT, SET or COMMIT: not one append's failure, the transaction is lost
                    }

                    continue;
                }

                Released(plan);
                if (calls.Count == 0)
                {
                    return; // the trip was the COMMIT
                }

                if (Written(calls, results))
                {
                    _pendingBounds = plan.BoundsInside;
                }
            }
        }
    }

    /// <summary>The next pipeline: the appends taken and waiting, then the queued ones, while the batch has room.</summary>
    private List<Entry> TakePipeline()
    {
        // A fault hook must run inside the append's own savepoint, after its rows: pipelines of one.
        var depth = queue.Options.BeforeCommit is null ? PostgresCommitQueue.MaxBatch : 1;
        var calls = new List<Entry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (calls.Count < depth)
        {
            Entry? entry;
            if (_next.Count > 0)
            {
                entry = _next[0];
                _next.RemoveAt(0);
            }
            else if ((entry = queue.Next(batch)) is null)
            {
                break;
            }

            var key = entry.Append.Idempotency?.Key;
            if (calls.Count > 0 && (entry == _firstOfPipeline || key is not null && keys.Contains(key)))
            {
                _next.Insert(0, entry);
                break;
            }

            if (entry == _firstOfPipeline)
            {
                _firstOfPipeline = null;
            }

            if (key is not null)
            {
                keys.Add(key);
            }

            calls.Add(entry);
        }

        return calls;
    }

    /// <summary>
    /// The round trip: the pending pipeline's rows and RELEASE, then the new pipeline's SAVEPOINT and calls, or the
    /// COMMIT when there are none. From the transaction's second append on, lock waits are bounded (see
    /// <see cref="PostgresCommitQueue.LockTimeoutMs"/>): the setting goes before the SAVEPOINT once the transaction
    /// holds rows, else after the pipeline's first call, where a rollback of the pipeline undoes it.
    /// </summary>
    private RoundTrip Plan(List<Entry> calls)
    {
        int[] owners = [];
        var trip = _rows?.TakeHeld(out owners) ?? new NpgsqlBatch(connection, transaction);
        if (_pending.Count > 0)
        {
            trip.BatchCommands.Add(new NpgsqlBatchCommand($"RELEASE SAVEPOINT {Savepoint}"));
        }

        var callAt = new int[calls.Count];
        if (calls.Count == 0)
        {
            trip.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            return new RoundTrip(trip, owners, callAt, false, false);
        }

        var boundsOutside = (_holdsRows || _pending.Count > 0) && !_bounded;
        if (boundsOutside)
        {
            trip.BatchCommands.Add(BoundLockWaits());
        }

        trip.BatchCommands.Add(new NpgsqlBatchCommand($"SAVEPOINT {Savepoint}"));
        var boundsInside = false;
        for (var c = 0; c < calls.Count; c++)
        {
            callAt[c] = trip.BatchCommands.Count;
            trip.BatchCommands.Add(PostgresAppendCommands.Call(calls[c].Request, calls[c].Append.Idempotency));
            if (c == 0 && calls.Count > 1 && !_bounded && !boundsOutside)
            {
                trip.BatchCommands.Add(BoundLockWaits());
                boundsInside = true;
            }
        }

        return new RoundTrip(trip, owners, callAt, boundsOutside, boundsInside);
    }

    private static NpgsqlBatchCommand BoundLockWaits() => new($"SET LOCAL lock_timeout = '{PostgresCommitQueue.LockTimeoutMs}ms'");

    /// <summary>
    /// Reads each call's answer as it comes, and tells its caller it is written: nothing after the function refuses the
    /// append but a failure of its own read-model rows, so the next one of its streams may be decided now, and queue
    /// while the server runs the calls after it. A call that fails throws here, with the calls after it not run.
    /// </summary>
    private static Appended?[] Execute(NpgsqlBatch trip, List<Entry> calls)
    {
        var results = new Appended?[calls.Count];
        using var reader = trip.ExecuteReader();
        for (var c = 0; c < calls.Count; c++)
        {
            if (c > 0)
            {
                reader.NextResult();
            }

            reader.Read();
            var append = calls[c].Append;
            if (PostgresAppendCommands.ReadAppended(reader, calls[c].Request) is { } appended)
            {
                append.Succeed(appended.Result);
                append.ReportWritten();
                results[c] = appended;
            }
            else
            {
                // The key is stored: the appender answers from it once this transaction (which may hold it) commits.
                append.Succeed(new AppendResult([], 0, Replayed: true));
            }
        }

        return results;
    }

    /// <summary>The pending pipeline's rows and RELEASE went through: its appends are the transaction's now.</summary>
    private void Released(RoundTrip plan)
    {
        _holdsRows |= _pending.Count > 0;
        _bounded |= plan.BoundsOutside || _pendingBounds;
        DropPending();
    }

    /// <summary>Forgets the pending pipeline: released, or rolled back.</summary>
    private void DropPending()
    {
        _pending = [];
        _rows = null;
        _pendingBounds = false;
    }

    /// <summary>
    /// A statement of the round trip failed at <paramref name="failedAt"/>. If it was one of the pending pipeline's
    /// rows or one of the new pipeline's calls, that pipeline rolls back, the append at fault fails and the rest go
    /// again (true); anything else loses the transaction (false).
    /// </summary>
    private bool Failed(PostgresException e, int failedAt, RoundTrip plan, List<Entry> calls)
    {
        if (failedAt < plan.Owners.Length)
        {
            // The pending pipeline's rows: it is undone, and the new calls never ran.
            RollBack();
            var culprit = _pending[plan.Owners[failedAt]];
            culprit.Append.Fail(e);
            GoAgain([.. _pending.Where(p => p != culprit), .. calls]);
            DropPending();
            return true;
        }

        var c = Array.IndexOf(plan.CallAt, failedAt);
        if (c < 0)
        {
            return false;
        }

        // A call of the new pipeline, after the pending one was released.
        Released(plan);
        RollBack();
        var failed = calls[c];
        if (e.SqlState == PostgresErrorCodes.LockNotAvailable && (_bounded || c > 0))
        {
            // Another transaction holds a lock it needs: undone, it goes first in the next batch, where it waits
            // holding nothing.
            batch.Remove(failed);
            queue.Defer(failed);
            GoAgain([.. calls.Where(call => call != failed)]);
        }
        else if (c > 0)
        {
            // Refused on the writes of the calls before it, whose rows may yet fail: it goes again once they landed.
            GoAgain(calls);
            _firstOfPipeline = failed;
        }
        else
        {
            failed.Append.Fail(e);
            GoAgain([.. calls.Skip(1)]);
        }

        return true;
    }

    /// <summary>
    /// Each call's projections' rows and key row, in order, held for the next round trip. If a projection throws, the
    /// pipeline rolls back and the rest go again (false).
    /// </summary>
    private bool Written(List<Entry> calls, Appended?[] results)
    {
        var rows = new PostgresReadModelTransaction(connection, transaction, ownsConnection: false, holdWrites: true);
        for (var c = 0; c < calls.Count; c++)
        {
            rows.Owner = c;
            try
            {
                WriteAfter(rows, calls[c], results[c]);
            }
            catch (Exception e) when (e is not NpgsqlException || e is PostgresException pg && IsAppends(pg))
            {
                // The append's own failure, or (a projection that reads sends the rows held before it) an earlier one's.
                RollBack();
                var culprit = calls[rows.FailedOwner ?? c];
                culprit.Append.Fail(e);
                GoAgain([.. calls.Where(call => call != culprit)]);
                return false;
            }
        }

        (_pending, _rows) = (calls, rows);
        return true;
    }

    /// <summary>
    /// Holds the append's read-model rows and key row for the next round trip. With a fault hook the rows go at once and
    /// the hook runs inside the savepoint.
    /// </summary>
    private void WriteAfter(PostgresReadModelTransaction rows, Entry entry, Appended? appended)
    {
        if (appended is null)
        {
            return; // replayed
        }

        var (append, request) = entry;
        var options = queue.Options;
        if (options.InlineProjections.Count > 0)
        {
            var events = request.ToRecordedEvents(appended.Positions, appended.Versions, appended.Hashes);
            foreach (var projection in options.InlineProjections)
            {
                // Held writes complete at once; a projection that reads blocks this thread only, which has nothing else to do.
                projection.ApplyAsync(rows, events, append.CancellationToken).GetAwaiter().GetResult();
            }
        }

        if (append.Idempotency is { } idempotency)
        {
            rows.Hold(PostgresAppendCommands.InsertKey(request, idempotency, appended.Result));
        }

        if (options.BeforeCommit is { } beforeCommit)
        {
            rows.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
            beforeCommit(request.Appends, append.CancellationToken).GetAwaiter().GetResult();
        }
    }

    /// <summary>Puts <paramref name="entries"/> first, in their order, for the next round trip.</summary>
    private void GoAgain(List<Entry> entries) => _next.InsertRange(0, entries);

    /// <summary>Undoes the open pipeline; the transaction's earlier pipelines stay.</summary>
    private void RollBack()
    {
        using var rollBack = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand($"ROLLBACK TO SAVEPOINT {Savepoint}"), new NpgsqlBatchCommand($"RELEASE SAVEPOINT {Savepoint}") },
        };
        rollBack.ExecuteNonQuery();
    }

    /// <summary>
    /// True when <paramref name="e"/> is one append's own failure, which its pipeline's savepoint undoes; false for the
    /// server's or the connection's (shutdown, a standby now, 57P01 when the primary dies), which loses the whole
    /// transaction: rolling back to a savepoint would only fail again, and hide the cause the caller must hear (store
    /// unavailable).
    /// </summary>
    private static bool IsAppends(PostgresException e) => !PostgresConnections.IsUnavailable(e);

    /// <summary>
    /// A round trip: its statements, whose pipeline each held row belongs to (by index), where each call is, and whether
    /// it bounds lock waits before the SAVEPOINT (for the transaction) or after the first call (for the pipeline).
    /// </summary>
    private sealed record RoundTrip(NpgsqlBatch Batch, int[] Owners, int[] CallAt, bool BoundsOutside, bool BoundsInside);
}
