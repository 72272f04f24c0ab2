namespace Ledger.EventStore.Projections;

/// <summary>How <see cref="ProjectionDaemon"/> paces its work.</summary>
public sealed record ProjectionDaemonOptions
{
    /// <summary>Events an async projection applies per transaction while following the feed.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Events per apply during a rebuild or replay: larger, since nobody waits on each batch.</summary>
    public int RebuildBatchSize { get; init; } = 5000;

    /// <summary>
    /// How long a projection that has just caught up waits before its next batch. Under steady appends it then applies
    /// what gathered meanwhile in one transaction instead of one per append; an async read model is behind by design,
    /// and this much more does not matter to anyone reading statistics.
    /// </summary>
    public TimeSpan GatherDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often an idle projection looks for appends no in-process signal told it about (other processes).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after a projection's first failure; it doubles with each further failure in a row.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between retries of a failing projection.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many differing rows a comparison describes (it counts them all).</summary>
    public int MaxReportedDifferences { get; init; } = 20;
}

/// <summary>Whether a projection runs in the append's transaction or behind it.</summary>
public enum ProjectionMode
{
    /// <summary>In <see cref="EventStoreOptions.InlineProjections"/>: applied in each append's own transaction.</summary>
    Inline,

    /// <summary>Run by <see cref="ProjectionDaemon"/>: follows the global feed behind a checkpoint.</summary>
    Async,
}

/// <summary>Where a projection stands, for health checks and operators.</summary>
/// <param name="Name">The projection.</param>
/// <param name="Mode">Inline or async.</param>
/// <param name="Position">The last position applied by this process (async; -1 before it has looked, 0 for inline).</param>
/// <param name="ConsecutiveFailures">Failed attempts since the last success.</param>
/// <param name="LastError">The last failure's message, while it keeps failing.</param>
public sealed record ProjectionStatus(string Name, ProjectionMode Mode, long Position, int ConsecutiveFailures, string? LastError);

/// <summary>An async projection failed to apply a batch during a catch-up; its rows and checkpoint were left as they were.</summary>
public sealed class ProjectionFailedException(string projection, long afterPosition, Exception inner)
    : Exception($"Projection '{projection}' failed to apply the events after position {afterPosition}: {inner.Message}", inner)
{
    /// <summary>The projection that failed.</summary>
    public string Projection { get; } = projection;

    /// <summary>Its checkpoint, unchanged by the failed batch.</summary>
    public long AfterPosition { get; } = afterPosition;
}
