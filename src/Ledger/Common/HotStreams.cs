using Ledger.EventStore;

namespace Ledger.Common;

/// <summary>
/// The streams a process keeps warm: the folded states of streams loaded through its caches
/// (<see cref="StreamStateCache{TState}"/>, loaded as <c>HotStreams.Loading.cs</c> describes) and the turns requests
/// take at streams (<see cref="StreamLocks"/>). It decorates the one append step of <see cref="CommandService"/>, and
/// is the only caller of the store's <c>written</c> hook. An append goes through four states, and this is what each
/// does to the warm streams:
/// <list type="number">
/// <item><b>queued</b>: the command decided and its events wait in the store's commit queue. Nothing changes here; a
/// command that asked for turns up front holds them.</item>
/// <item><b>written</b>: the store wrote the events inside a batch's transaction and checked every expected version;
/// only the COMMIT is outstanding. Each stream loaded through a cache keeps the state after the append, for the next
/// append only (queries never see it), and then the turns taken up front pass to the next request, which decides on
/// that written state and joins the same or the next batch.</item>
/// <item><b>committed</b>, then <b>synced</b> (on SQLite the log is fsynced before the store answers; on PostgreSQL the
/// COMMIT is durable): the state after the append becomes the cache's committed fold, which queries may read.</item>
/// <item><b>lost</b>: the store failed after the append may have been written (a COMMIT refused, say): its written
/// states are forgotten, since every later one was decided on top of them. A <b>conflict</b> (an expected version
/// refused, nothing written) forgets a cached state ahead of the version the store reported (the store was replaced or
/// restored under the process) and any written state past it; a state merely behind is caught up by the next load.</item>
/// </list>
/// Turns taken after a lost race (<see cref="MultiStreamCommand{T}.TurnAfterLostRace"/>) are held until the request
/// ends: such a command reads the store, not the written state, so the next request could not start from it.
/// </summary>
public partial class HotStreams
{
    /// <summary>Warm streams with no caches: the process's turns only, for commands that read the store plainly.</summary>
    internal static HotStreams Plain { get; } = new();

    /// <summary>Warm streams taking turns on the process's one set (<see cref="StreamLocks.Process"/>).</summary>
    public HotStreams()
        : this(StreamLocks.Process)
    {
    }

    /// <summary>Warm streams taking turns on <paramref name="turns"/>.</summary>
    public HotStreams(StreamLocks turns) => Turns = turns;

    /// <summary>The queues per stream requests take turns on.</summary>
    public StreamLocks Turns { get; }

    /// <summary>Waits for the turns at <paramref name="streamIds"/>; dispose the result to pass them on.</summary>
    internal Task<IDisposable> TakeTurnsAsync(IEnumerable<string> streamIds, CancellationToken cancellationToken) =>
        Turns.AcquireAsync(streamIds, cancellationToken);

    /// <summary>
    /// Appends <paramref name="appends"/>, the events <paramref name="session"/> queued, and takes the warm streams
    /// through the append's life cycle; <paramref name="turns"/> pass on once it is written.
    /// </summary>
    internal async Task<AppendResult> AppendAsync(
        IEventStore store, StreamSession session, IReadOnlyList<StreamAppend> appends, IdempotencyKey? key, IDisposable? turns,
        CancellationToken cancellationToken)
    {
        try
        {
            var result = await store.AppendAsync(appends, key, written => Written(session, written, turns), cancellationToken);
            foreach (var cached in session.Cached)
            {
                cached.KeepCommitted(result);
            }

            return result;
        }
        catch (ConcurrencyException conflict)
        {
            foreach (var cached in session.Cached.Where(c => c.StreamId == conflict.StreamId))
            {
                cached.ForgetIfAhead(conflict.Actual);
            }

            throw;
        }
        catch (Exception error) when (error is not IdempotencyConflictException)
        {
            // The store failed (its COMMIT, say) after the append may have been written: nothing may start from it.
            foreach (var cached in session.Cached)
            {
                cached.ForgetWritten();
            }

            throw;
        }
    }

    // On the store's writer: short, never throws. The written states first, so the next request finds them.
    private static void Written(StreamSession session, AppendResult result, IDisposable? turns)
    {
        foreach (var cached in session.Cached)
        {
            cached.KeepWritten(result);
        }

        turns?.Dispose();
    }
}

/// <summary>A stream one attempt loaded through a cache, and what the append's life cycle does to its cached state.</summary>
internal abstract class CachedStream(string streamId)
{
    public string StreamId { get; } = streamId;

    public abstract void KeepWritten(AppendResult result);

    public abstract void KeepCommitted(AppendResult result);

    public abstract void ForgetWritten();

    public abstract void ForgetIfAhead(long actualVersion);
}

/// <summary>A stream loaded through <paramref name="cache"/>, with each batch of events queued for it and its start.</summary>
internal sealed class CachedStream<TState>(StreamStateCache<TState> cache, string streamId) : CachedStream(streamId)
{
    private readonly List<(long Version, TState Before, IReadOnlyList<EventEnvelope> Appended)> _queued = [];

    public void Queued(long version, TState before, IReadOnlyList<EventEnvelope> appended) => _queued.Add((version, before, appended));

    public override void KeepWritten(AppendResult result)
    {
        foreach (var (version, before, appended) in _queued)
        {
            cache.RememberWritten(StreamId, version, before, appended, result);
        }
    }

    public override void KeepCommitted(AppendResult result)
    {
        foreach (var (version, before, appended) in _queued)
        {
            cache.RememberAppended(StreamId, version, before, appended, result);
        }
    }

    public override void ForgetWritten()
    {
        foreach (var (version, _, _) in _queued)
        {
            cache.ForgetWritten(StreamId, version + 1);
        }
    }

    public override void ForgetIfAhead(long actualVersion) => cache.ForgetIfAhead(StreamId, actualVersion);
}
