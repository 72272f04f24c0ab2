using Ledger.EventStore;

namespace Ledger.Common;

/// <summary>
/// A recorded event as the deciders fold it: the deserialised data plus the parts of the envelope a rule needs
/// (a correction names an entry by <see cref="EventId"/>; a monthly cap counts by <see cref="RecordedAt"/>).
/// </summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Type">Its stored type name, e.g. <c>PointsAwarded.v1</c>.</param>
/// <param name="Version">Its version in its stream.</param>
/// <param name="Position">Its global position (0 for an event not yet appended).</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
/// <param name="Principal">Who caused it.</param>
/// <param name="Data">The event record, or null for a type this build does not know.</param>
public sealed record EventEnvelope(
    Guid EventId, string Type, long Version, long Position, DateTimeOffset RecordedAt, string Principal, object? Data)
{
    /// <summary>Wraps a recorded event.</summary>
    public static EventEnvelope From(RecordedEvent e, EventTypeRegistry registry) =>
        new(e.EventId, e.Type, e.StreamVersion, e.Position, e.RecordedAt, e.Metadata.Principal, registry.Deserialize(e));
}

/// <summary>A stream as loaded: its events and the version to expect when appending to it.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Version">The version of the last event loaded (0 when the stream has none).</param>
/// <param name="Events">The events, in stream order.</param>
public sealed record LoadedStream(string StreamId, long Version, IReadOnlyList<EventEnvelope> Events)
{
    /// <summary>The expected version that guards an append decided on these events.</summary>
    public ExpectedVersion Expected => ExpectedVersion.Exactly(Version);

    /// <summary>Folds the events into a state.</summary>
    public TState Fold<TState>(TState initial, Func<TState, EventEnvelope, TState> evolve) => Events.Aggregate(initial, evolve);
}

/// <summary>Reads streams into <see cref="LoadedStream"/>s.</summary>
public static class StreamLoader
{
    /// <summary>
    /// Loads <paramref name="streamId"/>. With <paramref name="asOf"/> it stops at the first event recorded after that
    /// time, so the fold is always a prefix of the stream: the state exactly as it stood then.
    /// </summary>
    public static Task<LoadedStream> LoadAsync(
        IEventStore store, EventTypeRegistry registry, string streamId, DateTimeOffset? asOf, CancellationToken cancellationToken) =>
        LoadAsync(store, registry, streamId, asOf, null, cancellationToken);

    /// <summary>
    /// Loads <paramref name="streamId"/> as it stood at a time, at a global position of the ledger, or both: it stops at
    /// the first event recorded after <paramref name="asOf"/> or placed after <paramref name="atPosition"/>. A stream's
    /// positions grow with its versions, so either cut is a prefix of the stream.
    /// </summary>
    public static async Task<LoadedStream> LoadAsync(
        IEventStore store, EventTypeRegistry registry, string streamId, DateTimeOffset? asOf, long? atPosition,
        CancellationToken cancellationToken)
    {
        var events = new List<EventEnvelope>();
        await foreach (var e in store.ReadStreamAsync(streamId, 1, cancellationToken))
        {
            if ((asOf is { } limit && e.RecordedAt > limit) || (atPosition is { } position && e.Position > position))
            {
                break;
            }

            events.Add(EventEnvelope.From(e, registry));
        }

        return new LoadedStream(streamId, events.Count == 0 ? 0 : events[^1].Version, events);
    }
}
