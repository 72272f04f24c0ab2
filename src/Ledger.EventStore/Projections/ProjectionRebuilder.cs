namespace Ledger.EventStore.Projections;

/// <summary>
/// Rebuilds a projection from zero in ONE transaction: drop and recreate its tables, replay the whole feed,
/// save its checkpoint, commit. A crash or failure part-way leaves the old tables and checkpoint as they were,
/// and readers see the old model until the new one is complete. Dropping (not deleting) applies a changed table
/// shape too.
/// </summary>
internal static class ProjectionRebuilder
{
    /// <summary>Rebuilds; returns the position of the last event applied. The caller pauses an async projection's runner.</summary>
    public static async Task<long> RebuildAsync(
        ILedgerStore store, IProjection projection, ProjectionMode mode, int batchSize, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelTransactionAsync(cancellationToken);
        if (mode == ProjectionMode.Inline)
        {
            // An append that committed after the replay read the feed but before this commit would be in neither.
            // Dropping the tables already makes appends that write them wait, but holding every append off keeps the
            // rebuild exact whatever the projection touches or skips, and freezes the feed it reads below.
            await TransactionFeed.LockAppendsAsync(transaction, cancellationToken);
        }

        var checkpoint = ProjectionDaemon.CheckpointName(projection.Name);
        // Locks the checkpoint row: another process's runner of the same projection waits, then sees the new one.
        await TransactionFeed.ReadCheckpointAsync(transaction, checkpoint, lockRow: true, cancellationToken);
        await ProjectionSchema.LockAsync(transaction, cancellationToken);
        foreach (var table in projection.Tables)
        {
            await ProjectionSchema.DropAsync(transaction, table, cancellationToken);
            await ProjectionSchema.CreateAsync(transaction, table, cancellationToken);
        }

        var last = mode == ProjectionMode.Inline
            ? await ReplayInsideAsync(transaction, projection, batchSize, cancellationToken)
            : await ReplayFeedAsync(store, transaction, projection, batchSize, cancellationToken);
        // For an inline projection the checkpoint only records that it has been built (see ProjectionDaemon.StartAsync).
        await transaction.SaveCheckpointAsync(checkpoint, last, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return last;
    }

    /// <summary>Inline: appends are held off, so every event this transaction sees is final; read them here.</summary>
    private static async Task<long> ReplayInsideAsync(
        IReadModelTransaction transaction, IProjection projection, int batchSize, CancellationToken cancellationToken)
    {
        long last = 0;
        while (await TransactionFeed.ReadAsync(transaction, last, long.MaxValue, batchSize, cancellationToken) is { Count: > 0 } batch)
        {
            await projection.ApplyAsync(transaction, batch, cancellationToken);
            last = batch[^1].Position;
        }

        return last;
    }

    /// <summary>
    /// Async: appends go on, so follow the feed as the runner does, up to the high-water mark; the runner carries
    /// on from the checkpoint saved here.
    /// </summary>
    private static async Task<long> ReplayFeedAsync(
        ILedgerStore store, IReadModelTransaction transaction, IProjection projection, int batchSize, CancellationToken cancellationToken)
    {
        long last = 0;
        var batch = new List<RecordedEvent>(batchSize);
        await foreach (var e in store.ReadAllAsync(0, cancellationToken))
        {
            batch.Add(e);
            if (batch.Count == batchSize)
            {
                await projection.ApplyAsync(transaction, batch, cancellationToken);
                last = batch[^1].Position;
                batch = new List<RecordedEvent>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            await projection.ApplyAsync(transaction, batch, cancellationToken);
            last = batch[^1].Position;
        }

        return last;
    }
}
