namespace Ledger.Common;

/// <summary>Loads streams through a <see cref="StreamStateCache{TState}"/>: the cached fold plus the events after it.</summary>
public static class CachedStreamLoading
{
    /// <summary>
    /// Loads <paramref name="streamId"/> as the cached state folded on with only the events after its version, and
    /// remembers the result. The returned <see cref="Folded{TState}.Stream"/> carries the latest version (the append's
    /// expectation) but only the events read now, never the whole history: decide on <see cref="Folded{TState}.State"/>.
    /// </summary>
    public static async Task<Folded<TState>> LoadAsync<TState>(
        this StreamSession session, StreamStateCache<TState> cache, string streamId, CancellationToken cancellationToken)
    {
        var (state, version) = cache.Get(streamId);
        var events = await ReadAfterAsync(session, streamId, version, cancellationToken);
        if (events is null)
        {
            // The store does not continue where the cached state ends: it is not the store the state came from.
            cache.Evict(streamId);
            (state, version) = (cache.Initial, 0);
            events = await ReadAfterAsync(session, streamId, 0, cancellationToken) ?? [];
        }

        state = events.Aggregate(state, cache.Evolve);
        var latest = version + events.Count;
        cache.Remember(streamId, latest, state);
        session.OnConflict(conflict =>
        {
            if (conflict.StreamId == streamId)
            {
                cache.ForgetIfAhead(streamId, conflict.Actual);
            }
        });
        return new Folded<TState>(new LoadedStream(streamId, latest, events), state, cache.Evolve, []);
    }

    // Null when the versions read do not follow on from `after` without a gap.
    private static async Task<List<EventEnvelope>?> ReadAfterAsync(
        StreamSession session, string streamId, long after, CancellationToken cancellationToken)
    {
        var events = new List<EventEnvelope>();
        await foreach (var e in session.Store.ReadStreamAsync(streamId, after + 1, cancellationToken))
        {
            if (e.StreamVersion != after + events.Count + 1)
            {
                return null;
            }

            events.Add(EventEnvelope.From(e, session.Registry));
        }

        return events;
    }
}
