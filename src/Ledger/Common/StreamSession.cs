using Ledger.EventStore;

namespace Ledger.Common;

/// <summary>
/// One attempt of a command: the streams it loaded and the events it decided to append. A retry after a
/// <see cref="ConcurrencyException"/> starts a new session, so nothing decided on stale state survives.
/// </summary>
public sealed class StreamSession
{
    private readonly IEventStore _store;
    private readonly EventTypeRegistry _registry;
    private readonly List<PendingAppend> _appends = [];
    private readonly List<CachedStream> _cached = [];
    private readonly List<string> _untested = [];

    internal StreamSession(IEventStore store, EventTypeRegistry registry, string principal, DateTimeOffset now)
    {
        _store = store;
        _registry = registry;
        Principal = principal;
        Now = now;
    }

    /// <summary>The decision time of this attempt: deciders get it as data.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The principal id the appended events will carry.</summary>
    public string Principal { get; }

    /// <summary>The store this attempt reads from.</summary>
    internal IEventStore Store => _store;

    /// <summary>The registry its events are read and written with.</summary>
    internal EventTypeRegistry Registry => _registry;

    /// <summary>
    /// True on a command's first attempt: a stream this attempt will append to may be taken from a
    /// <see cref="StreamStateCache{TState}"/> without asking the store whether it moved, because the append's expected
    /// version asks instead (<see cref="HotStreams.LoadToAppendAsync"/>).
    /// </summary>
    public bool MayTrustCache { get; init; }

    /// <summary>
    /// Whether the decision stands on state the store was not asked about and nothing guards it: a stream taken from
    /// the cache untested gets no append, or the attempt appends nothing (a refusal may rest on a stale balance).
    /// The runner then takes the decision again on fresh state.
    /// </summary>
    internal bool RestsOnUntestedState => TookUntestedState &&
        !_untested.All(id => _appends.Any(a => a.StreamId == id && a.Events.Count > 0));

    /// <summary>True when a stream was taken from a cache without a read.</summary>
    internal bool TookUntestedState => _untested.Count > 0;

    /// <summary>True when the attempt decided to append something.</summary>
    public bool HasAppends => _appends.Any(a => a.Events.Count > 0);

    /// <summary>Loads a whole stream.</summary>
    public Task<LoadedStream> LoadAsync(string streamId, CancellationToken cancellationToken) =>
        StreamLoader.LoadAsync(_store, _registry, streamId, null, cancellationToken);

    /// <summary>Loads a whole stream and folds it.</summary>
    public async Task<Folded<TState>> LoadAsync<TState>(
        string streamId, TState initial, Func<TState, EventEnvelope, TState> evolve, CancellationToken cancellationToken)
    {
        var stream = await LoadAsync(streamId, cancellationToken);
        return new Folded<TState>(stream, stream.Fold(initial, evolve), evolve, []);
    }

    /// <summary>
    /// Queues <paramref name="events"/> for a folded stream and returns the state with them folded in. For a stream
    /// loaded through a cache, the session notes the state they start from: <see cref="HotStreams"/> keeps the state
    /// after them as the append goes through its life cycle, so the next command starts from it unread.
    /// </summary>
    public Folded<TState> Append<TState>(Folded<TState> folded, IEnumerable<object> events)
    {
        var appended = Append(folded.Stream, events);
        folded.Cached?.Queued(folded.Stream.Version + folded.Appended.Count, folded.State, appended);

        return folded with
        {
            State = appended.Aggregate(folded.State, folded.Evolve),
            Appended = [.. folded.Appended, .. appended],
        };
    }

    /// <summary>
    /// Queues <paramref name="events"/> for <paramref name="stream"/>, guarded by the version it was loaded at.
    /// Returns them as envelopes with their new ids and versions, so the caller can fold them to report the new state.
    /// </summary>
    public IReadOnlyList<EventEnvelope> Append(LoadedStream stream, IEnumerable<object> events)
    {
        var pending = _appends.FirstOrDefault(a => a.StreamId == stream.StreamId);
        if (pending is null)
        {
            pending = new PendingAppend(stream.StreamId, stream.Expected, []);
            _appends.Add(pending);
        }
        else if (pending.Expected != stream.Expected)
        {
            throw new InvalidOperationException($"Stream '{stream.StreamId}' was queued at two different expected versions.");
        }

        var envelopes = new List<EventEnvelope>();
        foreach (var data in events)
        {
            var version = stream.Version + pending.Events.Count + 1;
            var envelope = new EventEnvelope(Guid.CreateVersion7(Now), _registry.NameOf(data.GetType()), version, 0, Now, Principal, data);
            pending.Events.Add(envelope);
            envelopes.Add(envelope);
        }

        return envelopes;
    }

    /// <summary>The streams this attempt loaded through a cache, with what it queued for each.</summary>
    internal IReadOnlyList<CachedStream> Cached => _cached;

    /// <summary>Notes a stream loaded through a cache (<see cref="HotStreams"/>).</summary>
    internal void Track(CachedStream cached) => _cached.Add(cached);

    /// <summary>Notes a stream taken from a cache without a read, which only this attempt's append can vouch for.</summary>
    internal void TookUntested(string streamId) => _untested.Add(streamId);

    internal IReadOnlyList<StreamAppend> BuildAppends(EventMetadata metadata) =>
        _appends
            .Where(a => a.Events.Count > 0)
            .Select(a => new StreamAppend(
                a.StreamId,
                a.Expected,
                a.Events.Select(e => _registry.ToNewEvent(e.Data!, metadata, e.EventId)).ToList()))
            .ToList();

    private sealed record PendingAppend(string StreamId, ExpectedVersion Expected, List<EventEnvelope> Events);
}

/// <summary>A loaded stream with its folded state, and what this attempt queued for it so far.</summary>
/// <param name="Stream">The stream as loaded.</param>
/// <param name="State">The state: the loaded events folded, then any queued ones.</param>
/// <param name="Evolve">The fold.</param>
/// <param name="Appended">Events queued for the stream in this attempt, with their ids.</param>
public sealed record Folded<TState>(
    LoadedStream Stream, TState State, Func<TState, EventEnvelope, TState> Evolve, IReadOnlyList<EventEnvelope> Appended)
{
    /// <summary>The cache the stream was loaded through, with what this attempt queued for it; null when read plainly.</summary>
    internal CachedStream<TState>? Cached { get; init; }
}
