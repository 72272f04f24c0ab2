namespace Ledger.EventStore;

/// <summary>Conveniences over <see cref="IEventStore"/>.</summary>
public static class EventStoreExtensions
{
    /// <summary>Appends to a single stream.</summary>
    public static Task<AppendResult> AppendAsync(
        this IEventStore store, string streamId, ExpectedVersion expectedVersion, IReadOnlyList<NewEvent> events,
        IdempotencyKey? idempotency = null, CancellationToken cancellationToken = default) =>
        store.AppendAsync([new StreamAppend(streamId, expectedVersion, events)], idempotency, cancellationToken);

    /// <summary>Reads a whole stream into memory (streams are small: one household, one item).</summary>
    public static async Task<IReadOnlyList<RecordedEvent>> ReadStreamToListAsync(
        this IEventStore store, string streamId, CancellationToken cancellationToken = default)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(streamId, 1, cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }
}
