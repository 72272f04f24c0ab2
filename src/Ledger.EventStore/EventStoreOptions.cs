using Ledger.EventStore.Projections;

namespace Ledger.EventStore;

/// <summary>Options shared by both backends.</summary>
public sealed class EventStoreOptions
{
    /// <summary>The clock that stamps recorded-at times. Tests pass a fixed one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Projections run inline: inside the append's own transaction, so they are never behind the events. The store
    /// creates their tables at <see cref="IEventStoreAdmin.InitializeAsync"/>; pass the same options to
    /// <see cref="ProjectionDaemon"/> so it can rebuild and verify them.
    /// </summary>
    public IReadOnlyList<IProjection> InlineProjections { get; init; } = [];

    /// <summary>
    /// Told the last position of every append once it has committed (never of a replayed or failed one), so
    /// followers of the global feed in this process wake at once instead of waiting for their next poll.
    /// </summary>
    public FeedSignal Appended { get; init; } = new();

    /// <summary>How many events a read-all batch fetches at a time.</summary>
    public int ReadBatchSize { get; init; } = 1000;

    /// <summary>
    /// Fault injection and tests only: runs inside the append transaction after the events are written and
    /// before commit. A test can hold an append open here, or throw to prove nothing is left behind. Queued appends
    /// commit together on both stores, so it runs once per append inside that append's savepoint: a throw undoes that
    /// append alone, and holding one append holds its whole batch.
    /// </summary>
    internal Func<IReadOnlyList<StreamAppend>, CancellationToken, Task>? BeforeCommit { get; init; }
}
