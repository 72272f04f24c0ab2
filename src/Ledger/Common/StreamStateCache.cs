using System.Collections.Concurrent;
using Ledger.EventStore;

namespace Ledger.Common;

/// <summary>
/// Folded states of one kind of stream, each with the stream version it was folded to, shared by every request of a
/// process. A load starts from the cached state and reads only the events after its version, so loading a stream costs
/// what happened since the last load, not the stream's whole history. The cache is never a source of truth: a state is
/// only ever stored as the fold of committed events up to its version, and the append that follows a decision still
/// carries that version as its expectation, so a state that is behind (another process appended) costs a short read,
/// and a decision on anything but the latest version loses the append and is taken again.
/// </summary>
/// <remarks>
/// Beside the committed folds it keeps, apart, the states of appends that are written but not yet committed (SQLite
/// commits several appends together): only the next append to the stream may start from one (<see cref="TryGetToAppend"/>),
/// since its expected version is checked in the same transaction. Queries never see them.
/// </remarks>
/// <typeparam name="TState">The folded state; must be immutable, as one instance is shared by concurrent requests.</typeparam>
public sealed class StreamStateCache<TState>
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _written = new(StringComparer.Ordinal);
    private readonly object _trimLock = new();
    private long _clock;

    /// <summary>Creates a cache of at most <paramref name="capacity"/> streams folded with <paramref name="evolve"/>.</summary>
    public StreamStateCache(TState initial, Func<TState, EventEnvelope, TState> evolve, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        (Initial, Evolve, Capacity) = (initial, evolve, capacity);
    }

    /// <summary>The state of a stream with no events.</summary>
    public TState Initial { get; }

    /// <summary>The fold; the cache is bound to it, so a state folded another way can never be read back.</summary>
    public Func<TState, EventEnvelope, TState> Evolve { get; }

    /// <summary>The most streams kept; past it, the least recently used are dropped.</summary>
    public int Capacity { get; }

    /// <summary>How many streams are cached now.</summary>
    public int Count => _entries.Count;

    /// <summary>The cached state of <paramref name="streamId"/> and its version, or the initial state at version 0.</summary>
    public (TState State, long Version) Get(string streamId)
    {
        TryGet(streamId, out var state, out var version);
        return (state, version);
    }

    /// <summary>The cached state of <paramref name="streamId"/> and its version, when there is one.</summary>
    public bool TryGet(string streamId, out TState state, out long version)
    {
        if (_entries.TryGetValue(streamId, out var entry))
        {
            entry.Touch(Interlocked.Increment(ref _clock));
            (state, version) = (entry.State, entry.Version);
            return true;
        }

        (state, version) = (Initial, 0);
        return false;
    }

    /// <summary>
    /// The state an append may start from: a written append's state when one is newer than the committed fold, else
    /// the committed fold. Never for a query, which must answer with committed state only.
    /// </summary>
    public bool TryGetToAppend(string streamId, out TState state, out long version)
    {
        var found = TryGet(streamId, out state, out version);
        if (_written.TryGetValue(streamId, out var written) && written.Version > version)
        {
            (state, version) = (written.State, written.Version);
            return true;
        }

        return found;
    }

    /// <summary>
    /// Keeps the state after an append that is written but not yet committed (see <see cref="IEventStore"/>'s
    /// <c>written</c> hook), for the next append to the stream only. The commit makes it the committed fold
    /// (<see cref="RememberAppended"/>); a failed commit must <see cref="ForgetWritten"/> it.
    /// </summary>
    public void RememberWritten(string streamId, long version, TState before, IReadOnlyList<EventEnvelope> appended, AppendResult result)
    {
        if (!Follows(streamId, version, appended, result))
        {
            return;
        }

        var fresh = new Entry(version + appended.Count, Fold(before, appended, result), 0);
        _written.AddOrUpdate(streamId, fresh, (_, kept) => kept.Version >= fresh.Version ? kept : fresh);
    }

    /// <summary>
    /// Forgets written states of <paramref name="streamId"/> from <paramref name="version"/> on: their commit failed,
    /// and every later written state was decided on top of them.
    /// </summary>
    public void ForgetWritten(string streamId, long version)
    {
        if (_written.TryGetValue(streamId, out var written) && written.Version >= version)
        {
            _written.TryRemove(KeyValuePair.Create(streamId, written));
        }
    }

    /// <summary>
    /// Keeps <paramref name="state"/>, the fold of <paramref name="streamId"/>'s committed events up to
    /// <paramref name="version"/>, unless a state of a later version is already kept (concurrent loads race; the
    /// furthest fold wins). Never offer a state with events that are not yet committed.
    /// </summary>
    public void Remember(string streamId, long version, TState state)
    {
        if (version <= 0)
        {
            return;
        }

        var fresh = new Entry(version, state, Interlocked.Increment(ref _clock));
        _entries.AddOrUpdate(streamId, fresh, (_, kept) => kept.Version >= version ? kept : fresh);
        if (_written.TryGetValue(streamId, out var written) && written.Version <= version)
        {
            // Committed now (or overtaken): only that entry goes, not a later one written meanwhile.
            _written.TryRemove(KeyValuePair.Create(streamId, written));
        }

        if (_entries.Count > Capacity)
        {
            Trim();
        }
    }

    /// <summary>
    /// Keeps the state after a committed append: <paramref name="before"/> (at <paramref name="version"/>) with
    /// <paramref name="appended"/> folded on, stamped as the store recorded them. Nothing is kept unless the store put
    /// the events right after <paramref name="version"/>, so the kept state is always the fold of committed events.
    /// </summary>
    public void RememberAppended(string streamId, long version, TState before, IReadOnlyList<EventEnvelope> appended, AppendResult result)
    {
        if (Follows(streamId, version, appended, result))
        {
            Remember(streamId, version + appended.Count, Fold(before, appended, result));
        }
    }

    /// <summary>Forgets <paramref name="streamId"/>: its next load folds the whole stream.</summary>
    public void Evict(string streamId)
    {
        _entries.TryRemove(streamId, out _);
        _written.TryRemove(streamId, out _);
    }

    /// <summary>
    /// Forgets <paramref name="streamId"/> when its kept version is beyond <paramref name="actualVersion"/>, the version
    /// the store reported in a conflict: the store was replaced or restored under this process, and the kept state
    /// describes events that no longer exist. A kept version below it is merely behind and is caught up by the next load.
    /// A written state beyond it goes too.
    /// </summary>
    public void ForgetIfAhead(string streamId, long actualVersion)
    {
        if (_entries.TryGetValue(streamId, out var entry) && entry.Version > actualVersion)
        {
            Evict(streamId);
        }

        // The store checks versions after every append written before, so a written state beyond what it holds belongs
        // to an append that never committed.
        ForgetWritten(streamId, actualVersion + 1);
    }

    // Whether the store put the appended events right after `version`: only then is their fold the stream's state.
    private static bool Follows(string streamId, long version, IReadOnlyList<EventEnvelope> appended, AppendResult result) =>
        !result.Replayed && result.Streams.FirstOrDefault(s => s.StreamId == streamId).Version == version + appended.Count;

    private TState Fold(TState before, IReadOnlyList<EventEnvelope> appended, AppendResult result) =>
        appended.Aggregate(before, (state, e) => Evolve(state, e with { RecordedAt = result.RecordedAt }));

    // Drops the least recently used tenth in one pass, so the O(n) sort is paid once per n/10 new streams, not per insert.
    private void Trim()
    {
        lock (_trimLock)
        {
            var excess = _entries.Count - Capacity;
            if (excess <= 0)
            {
                return;
            }

            var drop = excess + Capacity / 10;
            foreach (var stale in _entries.OrderBy(e => e.Value.LastUsed).Take(drop).ToList())
            {
                _entries.TryRemove(stale);
            }
        }
    }

    private sealed class Entry(long version, TState state, long lastUsed)
    {
        private long _lastUsed = lastUsed;

        public long Version { get; } = version;

        public TState State { get; } = state;

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public void Touch(long now) => Volatile.Write(ref _lastUsed, now);
    }
}
