using Ledger.EventStore;

namespace Ledger.Common;

/// <summary>Loads streams through a <see cref="StreamStateCache{TState}"/>: the cached fold plus the events after it.</summary>
public partial class HotStreams
{
    /// <summary>
    /// Loads <paramref name="streamId"/> as the cached state folded on with only the events after its version, and
    /// remembers the result. The returned <see cref="Folded{TState}.Stream"/> carries the latest version (the append's
    /// expectation) but only the events read now, never the whole history: decide on <see cref="Folded{TState}.State"/>.
    /// </summary>
    public async Task<Folded<TState>> LoadAsync<TState>(
        StreamSession session, StreamStateCache<TState> cache, string streamId, CancellationToken cancellationToken)
    {
        var (state, version, events) = await CatchUpAsync(cache, session.Store, session.Registry, streamId, cancellationToken);
        return Loaded(session, cache, streamId, state, version, events);
    }

    /// <summary>
    /// Loads a stream this attempt will append to. On a command's first attempt (<see cref="StreamSession.MayTrustCache"/>)
    /// a cached state is taken as it is, without a read, even one written but not yet committed: the append carries its
    /// version as the expectation, so if the stream moved (or the written append never committed) the append is refused
    /// and the next attempt reads. A decision that does not append to the stream (a refusal, say) is taken again on
    /// fresh state by the runner, so no answer rests on an untested cache.
    /// </summary>
    public async Task<Folded<TState>> LoadToAppendAsync<TState>(
        StreamSession session, StreamStateCache<TState> cache, string streamId, CancellationToken cancellationToken)
    {
        if (session.MayTrustCache && cache.TryGetToAppend(streamId, out var cached, out var cachedVersion))
        {
            session.TookUntested(streamId);
            return Loaded(session, cache, streamId, cached, cachedVersion, []);
        }

        return await LoadAsync(session, cache, streamId, cancellationToken);
    }

    /// <summary>
    /// Loads a stream this attempt only reads, for facts that never change once <paramref name="settled"/> holds (a
    /// registered community exists for good, and keeps the time zone it was registered with): a cached state that is
    /// settled is taken without a read, since no later event can change what the caller reads of it. Anything else is
    /// loaded as <see cref="LoadAsync{TState}"/> does. The caller must read nothing else of the state.
    /// </summary>
    public async Task<Folded<TState>> LoadSettledAsync<TState>(
        StreamSession session, StreamStateCache<TState> cache, string streamId, Func<TState, bool> settled, CancellationToken cancellationToken)
    {
        if (cache.TryGet(streamId, out var cached, out var cachedVersion) && settled(cached))
        {
            return Loaded(session, cache, streamId, cached, cachedVersion, []);
        }

        return await LoadAsync(session, cache, streamId, cancellationToken);
    }

    private static Folded<TState> Loaded<TState>(
        StreamSession session, StreamStateCache<TState> cache, string streamId, TState state, long version, List<EventEnvelope> events)
    {
        var cached = new CachedStream<TState>(cache, streamId);
        session.Track(cached);
        return new Folded<TState>(new LoadedStream(streamId, version, events), state, cache.Evolve, []) { Cached = cached };
    }

    /// <summary>The state of <paramref name="streamId"/> now, for a query: the cached fold caught up with the store.</summary>
    public static async Task<TState> ReadAsync<TState>(
        StreamStateCache<TState> cache, IEventStore store, EventTypeRegistry registry, string streamId, CancellationToken cancellationToken) =>
        (await CatchUpAsync(cache, store, registry, streamId, cancellationToken)).State;

    private static async Task<(TState State, long Version, List<EventEnvelope> Read)> CatchUpAsync<TState>(
        StreamStateCache<TState> cache, IEventStore store, EventTypeRegistry registry, string streamId, CancellationToken cancellationToken)
    {
        var (state, version) = cache.Get(streamId);
        var events = await ReadAfterAsync(store, registry, streamId, version, cancellationToken);
        if (events is null)
        {
            // The store does not continue where the cached state ends: it is not the store the state came from.
            cache.Evict(streamId);
            (state, version) = (cache.Initial, 0);
            events = await ReadAfterAsync(store, registry, streamId, 0, cancellationToken) ?? [];
        }

        state = events.Aggregate(state, cache.Evolve);
        version += events.Count;
        cache.Remember(streamId, version, state);
        return (state, version, events);
    }

    // Null when the versions read do not follow on from `after` without a gap.
    private static async Task<List<EventEnvelope>?> ReadAfterAsync(
        IEventStore store, EventTypeRegistry registry, string streamId, long after, CancellationToken cancellationToken)
    {
        var events = new List<EventEnvelope>();
        await foreach (var e in store.ReadStreamAsync(streamId, after + 1, cancellationToken))
        {
            if (e.StreamVersion != after + events.Count + 1)
            {
                return null;
            }

            events.Add(EventEnvelope.From(e, registry));
        }

        return events;
    }
}
