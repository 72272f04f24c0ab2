namespace Ledger.EventStore;

/// <summary>
/// One import into an empty relational store, as both backends run it: one transaction that holds appends off, a check
/// that the store is empty, every event checked by <see cref="ImportChain"/> before it is written, the events written a
/// batch at a time with the inline projections fed each batch in the same transaction, then the <c>streams</c> rows,
/// then the commit. One transaction makes the import all or nothing: a refused file leaves the store empty.
/// A backend says how it holds appends off and writes a batch fastest (<c>SqliteImport</c>, <c>PostgresImport</c>).
/// </summary>
internal abstract class RelationalImport : IAsyncDisposable
{
    /// <summary>The store's name in the refusal of a store that is not empty.</summary>
    protected abstract string StoreName { get; }

    /// <summary>Events written (and projected) at a time.</summary>
    protected abstract int BatchSize { get; }

    /// <summary>The import's transaction, lent to the inline projections.</summary>
    protected abstract IReadModelTransaction ReadModels { get; }

    /// <summary>Runs the import of <paramref name="events"/>; the caller disposes this object afterwards.</summary>
    public async Task<LedgerHead> RunAsync(
        IAsyncEnumerable<RecordedEvent> events, EventStoreOptions options, CancellationToken cancellationToken)
    {
        if (await HoldsEventsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw ImportChain.NotEmpty(StoreName);
        }

        var chain = new ImportChain();
        var batch = new List<RecordedEvent>(BatchSize);
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chain.Accept(e);
            batch.Add(e);
            if (batch.Count == BatchSize)
            {
                await WriteAsync(batch, options, cancellationToken).ConfigureAwait(false);
            }
        }

        await WriteAsync(batch, options, cancellationToken).ConfigureAwait(false);
        await WriteStreamsAsync(chain, cancellationToken).ConfigureAwait(false);
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        return chain.Head;
    }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>Whether the store holds any event or stream already.</summary>
    protected abstract Task<bool> HoldsEventsAsync(CancellationToken cancellationToken);

    /// <summary>Writes checked events; throws <see cref="ImportRefusedException"/> for what the tables refuse.</summary>
    protected abstract Task WriteEventsAsync(List<RecordedEvent> batch, CancellationToken cancellationToken);

    /// <summary>Writes every stream's head (<see cref="ImportChain.Streams"/>) and whatever else must follow the last event.</summary>
    protected abstract Task WriteStreamsAsync(ImportChain chain, CancellationToken cancellationToken);

    /// <summary>Commits the import's transaction.</summary>
    protected abstract Task CommitAsync(CancellationToken cancellationToken);

    private async Task WriteAsync(List<RecordedEvent> batch, EventStoreOptions options, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await WriteEventsAsync(batch, cancellationToken).ConfigureAwait(false);
        foreach (var projection in options.InlineProjections)
        {
            await projection.ApplyAsync(ReadModels, batch, cancellationToken).ConfigureAwait(false);
        }

        batch.Clear();
    }
}
