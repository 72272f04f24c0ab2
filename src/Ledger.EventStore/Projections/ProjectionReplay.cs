namespace Ledger.EventStore.Projections;

/// <summary>
/// A projection replayed from the first event into temporary shadow tables beside the live ones, in a
/// transaction that is never committed: read the result through <see cref="Transaction"/> (whose
/// <see cref="IReadModelTransaction.Table"/> answers the shadow names), then dispose, and nothing is left behind.
/// The auditor's "every projection equals a fresh replay" and "as of a position" both stand on this.
/// </summary>
/// <remarks>
/// On PostgreSQL the replay reads one REPEATABLE READ snapshot and does not hold appends off. On SQLite it holds
/// the writer lock until disposed, so appends wait: dispose promptly.
/// </remarks>
public sealed class ProjectionReplay : IAsyncDisposable
{
    private readonly IReadModelTransaction _live;

    private ProjectionReplay(IReadModelTransaction live, IProjection projection)
    {
        _live = live;
        Projection = projection;
        Transaction = new ShadowTransaction(live);
    }

    /// <summary>The projection replayed.</summary>
    public IProjection Projection { get; }

    /// <summary>The replay's transaction: query the shadow tables through it (<c>Transaction.Table("name")</c>).</summary>
    public IReadModelTransaction Transaction { get; }

    /// <summary>The position of the last event replayed (0 when none).</summary>
    public long Position { get; private set; }

    /// <summary>How many events were replayed.</summary>
    public long Events { get; private set; }

    /// <summary>The same snapshot, with live table names: what a comparison reads the live tables through.</summary>
    internal IReadModelTransaction Live => _live;

    /// <summary>
    /// Replays every event up to <paramref name="upToPosition"/> (default: the ledger's head when called). Give a
    /// position at or below the head, such as one an honour roll recorded: above it, an append still in flight
    /// may later fill a position below the one asked for.
    /// </summary>
    public static async Task<ProjectionReplay> RunAsync(
        ILedgerStore store, IProjection projection, long? upToPosition = null, int batchSize = 5000, CancellationToken cancellationToken = default)
    {
        var upTo = upToPosition ?? (await store.ReadHeadAsync(cancellationToken)).Position;
        var replay = await BeginAsync(store, projection, cancellationToken);
        try
        {
            await replay.ReplayAsync(upTo, batchSize, cancellationToken);
            return replay;
        }
        catch
        {
            await replay.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens the snapshot and creates empty shadow tables; nothing is replayed yet.</summary>
    internal static async Task<ProjectionReplay> BeginAsync(ILedgerStore store, IProjection projection, CancellationToken cancellationToken)
    {
        ProjectionSchema.Validate([projection]);
        var live = await store.BeginReadModelTransactionAsync(cancellationToken);
        try
        {
            await TransactionFeed.UseSnapshotAsync(live, cancellationToken);
            var replay = new ProjectionReplay(live, projection);
            foreach (var table in projection.Tables)
            {
                // A shadow left on a long-lived connection by some earlier failure must not leak rows into this one.
                await ProjectionSchema.DropAsync(replay.Transaction, table, cancellationToken);
                await ProjectionSchema.CreateAsync(replay.Transaction, table, cancellationToken);
            }

            return replay;
        }
        catch
        {
            await live.DisposeAsync();
            throw;
        }
    }

    /// <summary>Applies the events after <see cref="Position"/> up to <paramref name="upTo"/> that the snapshot sees.</summary>
    internal async Task ReplayAsync(long upTo, int batchSize, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await TransactionFeed.ReadAsync(_live, Position, upTo, batchSize, cancellationToken);
            if (batch.Count == 0)
            {
                return;
            }

            await Projection.ApplyAsync(Transaction, batch, cancellationToken);
            Position = batch[^1].Position;
            Events += batch.Count;
        }
    }

    /// <summary>Rolls the transaction back: the shadow tables go with it.</summary>
    public ValueTask DisposeAsync() => _live.DisposeAsync();
}
