namespace Ledger.EventStore;

/// <summary>Options shared by both backends.</summary>
public sealed class EventStoreOptions
{
    /// <summary>The clock that stamps recorded-at times. Tests pass a fixed one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Read models updated in the append's own transaction.</summary>
    public IReadOnlyList<IInlineProjection> InlineProjections { get; init; } = [];

    /// <summary>How many events a read-all batch fetches at a time.</summary>
    public int ReadBatchSize { get; init; } = 1000;

    /// <summary>
    /// Fault injection and tests only: runs inside the append transaction after the events are written and
    /// before commit. A test can hold an append open here, or throw to prove nothing is left behind.
    /// </summary>
    public Func<IReadOnlyList<StreamAppend>, CancellationToken, Task>? BeforeCommit { get; init; }
}
