using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ledger.EventStore.Projections;

/// <summary>
/// Runs the async projections behind the global feed, and rebuilds and verifies every projection, inline or
/// async. A plain class: a hosted service calls <see cref="StartAsync"/> and <see cref="StopAsync"/>; tests and the
/// command line call <see cref="CatchUpAsync"/> without starting it; the API waits for its writes with
/// <see cref="WaitForAsync"/>.
/// </summary>
/// <remarks>
/// Safe to run in several processes on one PostgreSQL database: each batch locks its projection's checkpoint row
/// and re-reads it, so processes take turns and never apply a batch twice.
/// </remarks>
public sealed partial class ProjectionDaemon : IAsyncDisposable
{
    private static readonly TimeSpan CheckpointPoll = TimeSpan.FromMilliseconds(100);
    private readonly ILedgerStore _store;
    private readonly ProjectionDaemonOptions _options;
    private readonly FeedSignal _signal;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IProjection> _inline;
    private readonly Dictionary<string, ProjectionWorker> _workers;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private CancellationTokenSource? _stopping;
    private Task[] _loops = [];

    /// <summary>
    /// A daemon for <paramref name="store"/>, which was built with <paramref name="storeOptions"/>: their inline
    /// projections are rebuilt and verified here, and their <see cref="EventStoreOptions.Appended"/> signal wakes
    /// the <paramref name="asyncProjections"/>.
    /// </summary>
    public ProjectionDaemon(
        ILedgerStore store, EventStoreOptions storeOptions, IEnumerable<IProjection> asyncProjections,
        ProjectionDaemonOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(storeOptions);
        var asynchronous = asyncProjections.ToList();
        ProjectionSchema.Validate([.. storeOptions.InlineProjections, .. asynchronous]);
        _store = store;
        _options = options ?? new ProjectionDaemonOptions();
        if (_options.BatchSize < 1 || _options.RebuildBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Batch sizes must be at least 1.");
        }

        _signal = storeOptions.Appended;
        _logger = logger ?? NullLogger.Instance;
        _inline = storeOptions.InlineProjections.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _workers = asynchronous.ToDictionary(p => p.Name, p => new ProjectionWorker(p, store, _options, _logger), StringComparer.Ordinal);
    }

    /// <summary>The checkpoint name under which a projection's position is saved.</summary>
    public static string CheckpointName(string projection) => $"projection:{projection}";

    /// <summary>Every projection's name, inline first.</summary>
    public IReadOnlyList<string> Projections => [.. _inline.Keys, .. _workers.Keys];

    /// <summary>
    /// Builds any inline projection that has never been built while the ledger has events (one added to a running
    /// ledger would otherwise miss all history), then starts following the feed. Returns once running.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_stopping is not null)
            {
                return;
            }

            await BuildNeverBuiltInlineProjectionsAsync(cancellationToken);
            _stopping = new CancellationTokenSource();
            var token = _stopping.Token;
            _loops = [.. _workers.Values.Select(w => Task.Run(() => w.RunAsync(_signal, token), CancellationToken.None))];
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops following the feed, letting a batch in progress roll back.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_stopping is null)
            {
                return;
            }

            await _stopping.CancelAsync();
            await Task.WhenAll(_loops).WaitAsync(cancellationToken);
            _stopping.Dispose();
            (_stopping, _loops) = (null, []);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Applies every async projection up to <paramref name="position"/> (an event's position, such as
    /// <see cref="AppendResult.LastPosition"/>), or to the feed's head when null, on the caller's task. Throws
    /// <see cref="ProjectionFailedException"/> when a projection fails; with a position, waits for it to appear.
    /// </summary>
    public async Task CatchUpAsync(long? position = null, CancellationToken cancellationToken = default)
    {
        var target = position ?? (await _store.ReadHeadAsync(cancellationToken)).Position;
        await Task.WhenAll(_workers.Values.Select(w => w.CatchUpAsync(target, wait: position is not null, _signal, cancellationToken)));
    }

    /// <summary>
    /// Read-your-writes: true once <paramref name="projection"/> has applied <paramref name="position"/> (by this
    /// process or another), false when <paramref name="timeout"/> passes first. Inline projections are never behind.
    /// </summary>
    public async Task<bool> WaitForAsync(string projection, long position, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_inline.ContainsKey(projection))
        {
            return true;
        }

        var worker = Worker(projection);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var progress = worker.Progress;
            if (worker.Position >= position
                || await _store.Checkpoints.LoadAsync(worker.CheckpointName, cancellationToken) >= position)
            {
                return true;
            }

            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            // Progress here wakes at once; the checkpoint is polled in case another process runs the projection.
            await Task.WhenAny(progress, Task.Delay(left < CheckpointPoll ? left : CheckpointPoll, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Stops the runners.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();

    private ProjectionWorker Worker(string projection) =>
        _workers.TryGetValue(projection, out var worker)
            ? worker
            : throw new KeyNotFoundException($"No projection is named '{projection}'.");
}
