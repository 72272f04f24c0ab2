using Ledger.EventStore;
using Ledger.Testing;

namespace Ledger.Api.Tests.Support;

/// <summary>Passes every call to the real store, except where a test makes one fail.</summary>
public sealed class FaultyEventStore(ILedgerStore inner) : DelegatingEventStore(inner)
{
    /// <summary>Thrown by appends when set.</summary>
    public Exception? AppendFault { get; set; }

    /// <summary>Thrown by stream reads of streams starting with <see cref="ReadFaultPrefix"/> when set.</summary>
    public Exception? ReadFault { get; set; }

    /// <summary>Which streams' reads fail.</summary>
    public string ReadFaultPrefix { get; set; } = "";

    /// <summary>Thrown by head reads when set.</summary>
    public Exception? HeadFault { get; set; }

    public override Task<AppendResult> AppendAsync(IReadOnlyList<StreamAppend> appends, IdempotencyKey? idempotency = null, CancellationToken cancellationToken = default) =>
        AppendFault is { } fault ? Task.FromException<AppendResult>(fault) : Inner.AppendAsync(appends, idempotency, cancellationToken);

    public override IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        ReadFault is { } fault && streamId.StartsWith(ReadFaultPrefix, StringComparison.Ordinal)
            ? Throw(fault)
            : Inner.ReadStreamAsync(streamId, fromVersion, cancellationToken);

    public override Task<LedgerHead> ReadHeadAsync(CancellationToken cancellationToken = default) =>
        HeadFault is { } fault ? Task.FromException<LedgerHead>(fault) : Inner.ReadHeadAsync(cancellationToken);

    private static async IAsyncEnumerable<RecordedEvent> Throw(Exception fault)
    {
        await Task.Yield();
        throw fault;
#pragma warning disable CS0162 // an iterator needs a yield to be one
        yield break;
#pragma warning restore CS0162
    }
}
