using Ledger.EventStore;

namespace Ledger.Api.Tests.Support;

/// <summary>Passes every call to the real store, except where a test makes one fail.</summary>
public sealed class FaultyEventStore(IEventStore inner) : IEventStore
{
    /// <summary>Thrown by appends when set.</summary>
    public Exception? AppendFault { get; set; }

    /// <summary>Thrown by stream reads of streams starting with <see cref="ReadFaultPrefix"/> when set.</summary>
    public Exception? ReadFault { get; set; }

    /// <summary>Which streams' reads fail.</summary>
    public string ReadFaultPrefix { get; set; } = "";

    /// <summary>Thrown by head reads when set.</summary>
    public Exception? HeadFault { get; set; }

    public SqlDialect Dialect => inner.Dialect;

    public ICheckpointStore Checkpoints => inner.Checkpoints;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public Task<AppendResult> AppendAsync(IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency = null, CancellationToken cancellationToken = default) =>
        AppendFault is { } fault ? Task.FromException<AppendResult>(fault) : inner.AppendAsync(appends, idempotency, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        ReadFault is { } fault && streamId.StartsWith(ReadFaultPrefix, StringComparison.Ordinal)
            ? Throw(fault)
            : inner.ReadStreamAsync(streamId, fromVersion, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = 0, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(afterPosition, cancellationToken);

    public Task<LedgerHead> ReadHeadAsync(CancellationToken cancellationToken = default) =>
        HeadFault is { } fault ? Task.FromException<LedgerHead>(fault) : inner.ReadHeadAsync(cancellationToken);

    public Task<StoredIdempotencyKey?> FindIdempotencyKeyAsync(string key, CancellationToken cancellationToken = default) =>
        inner.FindIdempotencyKeyAsync(key, cancellationToken);

    public Task<IReadModelTransaction> BeginReadModelTransactionAsync(CancellationToken cancellationToken = default) =>
        inner.BeginReadModelTransactionAsync(cancellationToken);

    public IAsyncEnumerable<StreamHead> ReadStreamHeadsAsync(CancellationToken cancellationToken = default) =>
        inner.ReadStreamHeadsAsync(cancellationToken);

    public Task<LedgerHead> ImportAsync(IAsyncEnumerable<RecordedEvent> events, CancellationToken cancellationToken = default) =>
        inner.ImportAsync(events, cancellationToken);

    private static async IAsyncEnumerable<RecordedEvent> Throw(Exception fault)
    {
        await Task.Yield();
        throw fault;
#pragma warning disable CS0162 // an iterator needs a yield to be one
        yield break;
#pragma warning restore CS0162
    }
}
