using System.Text.Json;

namespace Ledger.EventStore;

/// <summary>
/// The data of recorded events for the read models an append runs inline. They run one after another over the same
/// few events, on the thread that appends, and the appender knows each event as it was decided: it offers those here,
/// and a read model's <see cref="Read{T}"/> takes one instead of parsing <see cref="RecordedEvent.Data"/> again, as it
/// does for any other event (and then keeps the parse for the next read model). Keyed by the recorded event instance:
/// its data never changes, and an entry holds its key alive, so no other event can be mistaken for it.
/// </summary>
public static class DecidedEvents
{
    private const int Kept = 8;

    [ThreadStatic]
    private static (RecordedEvent? Event, object? Data)[]? _kept;

    [ThreadStatic]
    private static int _next;

    /// <summary>Offers <paramref name="decided"/>, the object <paramref name="recorded"/>'s data was serialized from.</summary>
    public static void Offer(RecordedEvent recorded, object? decided)
    {
        if (decided is not null)
        {
            Keep(recorded, decided);
        }
    }

    /// <summary>The event's data as <typeparamref name="T"/>: as decided or parsed before on this thread, else parsed now.</summary>
    public static T Read<T>(RecordedEvent e)
        where T : class
    {
        foreach (var (kept, data) in _kept ?? [])
        {
            if (ReferenceEquals(kept, e) && data is T same)
            {
                return same;
            }
        }

        var read = JsonSerializer.Deserialize<T>(e.Data, LedgerJson.Options) ?? throw new JsonException($"Event {e.EventId} has null data.");
        Keep(e, read);
        return read;
    }

    private static void Keep(RecordedEvent e, object data)
    {
        var kept = _kept ??= new (RecordedEvent?, object?)[Kept];
        kept[_next] = (e, data);
        _next = (_next + 1) % Kept;
    }
}
