using Microsoft.Extensions.Logging;

namespace Ledger.EventStore.Projections;

/// <summary>
/// Runs one async projection: each batch is read from the feed after the checkpoint, then applied and the
/// checkpoint saved in one read-model transaction, so rows and checkpoint never part. Every apply holds the
/// worker's gate, which is how a rebuild or a catch-up pauses the background loop.
/// </summary>
internal sealed class ProjectionWorker(
    IProjection projection, ILedgerStore store, ProjectionDaemonOptions options, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position = -1;
    private bool _schemaReady;
    private int _failures;
    private string? _lastError;

    public IProjection Projection => projection;

    public string CheckpointName { get; } = ProjectionDaemon.CheckpointName(projection.Name);

    /// <summary>The checkpoint as this process last saw or saved it; -1 before the first look.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>Completes the next time <see cref="Position"/> moves.</summary>
    public Task Progress => Volatile.Read(ref _progress).Task;

    public ProjectionStatus Status => new(projection.Name, ProjectionMode.Async, Position, Volatile.Read(ref _failures), Volatile.Read(ref _lastError));

    /// <summary>Follows the feed until <paramref name="stopping"/>: failures are logged and retried after a growing delay.</summary>
    public async Task RunAsync(FeedSignal signal, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var wake = signal.Next;
            int applied;
            try
            {
                applied = await ApplyNextBatchGatedAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Logged where it happened. Waiting longer after each failure in a row keeps a broken projection from
                // hammering the database, and the host lives on: the other projections keep running.
                await Task.Delay(RetryDelay(), stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            if (applied == 0)
            {
                await Task.WhenAny(wake, Task.Delay(options.PollInterval, stopping));
            }
            else if (applied < options.BatchSize)
            {
                // Caught up with a short batch: let the appends of the next moment gather, so a busy counter costs one
                // transaction per pause rather than one per append.
                await Task.Delay(options.GatherDelay, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Applies batches until the checkpoint reaches <paramref name="target"/>, or (when not <paramref name="wait"/>) the feed runs dry.</summary>
    public async Task CatchUpAsync(long target, bool wait, FeedSignal signal, CancellationToken cancellationToken)
    {
        while (Position < target)
        {
            var wake = signal.Next;
            int applied;
            try
            {
                applied = await ApplyNextBatchGatedAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new ProjectionFailedException(projection.Name, Math.Max(Position, 0), e);
            }

            if (applied == 0)
            {
                if (!wait)
                {
                    return;
                }

                // On PostgreSQL the target may sit just past an append still committing: wait for it to land.
                await Task.WhenAny(wake, Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>Rebuilds from zero with the background loop paused.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var last = await ProjectionRebuilder.RebuildAsync(store, projection, ProjectionMode.Async, options.RebuildBatchSize, cancellationToken);
            _schemaReady = true;
            Advance(last);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> ApplyNextBatchGatedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await ApplyNextBatchAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failures = Interlocked.Increment(ref _failures);
            Volatile.Write(ref _lastError, e.Message);
            logger.LogError(e, "Projection {Projection} failed to apply the events after position {Position} ({Failures} failure(s) in a row); it will retry",
                projection.Name, Position, failures);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One batch after the checkpoint; returns how many events it applied (0: caught up with the feed).</summary>
    private async Task<int> ApplyNextBatchAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        var from = Position >= 0 ? Position : await store.Checkpoints.LoadAsync(CheckpointName, cancellationToken);
        while (true)
        {
            // Read before opening the transaction: on SQLite it holds the writer lock, which appends wait for.
            var batch = await ReadAfterAsync(from, cancellationToken);
            if (batch.Count == 0)
            {
                Applied(from);
                return 0;
            }

            await using var transaction = await store.BeginReadModelTransactionAsync(cancellationToken);
            var saved = await TransactionFeed.ReadCheckpointAsync(transaction, CheckpointName, lockRow: true, cancellationToken);
            if (saved != from)
            {
                from = saved; // another process ran it, or it was rebuilt: carry on from what is saved
                continue;
            }

            await projection.ApplyAsync(transaction, batch, cancellationToken);
            await transaction.SaveCheckpointAsync(CheckpointName, batch[^1].Position, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Applied(batch[^1].Position);
            return batch.Count;
        }
    }

    private async Task<List<RecordedEvent>> ReadAfterAsync(long from, CancellationToken cancellationToken)
    {
        var batch = new List<RecordedEvent>(options.BatchSize);
        await foreach (var e in store.ReadAllAsync(from, cancellationToken))
        {
            batch.Add(e);
            if (batch.Count == options.BatchSize)
            {
                break;
            }
        }

        return batch;
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await using var transaction = await store.BeginReadModelTransactionAsync(cancellationToken);
        await ProjectionSchema.EnsureAsync(transaction, [projection], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _schemaReady = true;
    }

    // The failures are cleared before the position moves: whoever waits for the position then reads a healthy status.
    private void Applied(long position)
    {
        Volatile.Write(ref _failures, 0);
        Volatile.Write(ref _lastError, null);
        Advance(position);
    }

    private void Advance(long position)
    {
        if (Interlocked.Exchange(ref _position, position) != position)
        {
            Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private TimeSpan RetryDelay()
    {
        var doublings = Math.Min(Volatile.Read(ref _failures) - 1, 16);
        var delay = options.FirstRetryDelay * Math.Pow(2, Math.Max(doublings, 0));
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }
}
