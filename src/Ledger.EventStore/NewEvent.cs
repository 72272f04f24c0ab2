namespace Ledger.EventStore;

/// <summary>An event about to be appended. The store assigns version, position, time and hash.</summary>
/// <param name="EventId">Unique id of the event; corrections name the event they reverse by this id.</param>
/// <param name="Type">Stable type name with a version suffix, e.g. <c>PointsEarned.v1</c>; never a CLR type name.</param>
/// <param name="Data">The event's JSON, stored and hashed byte for byte as given.</param>
/// <param name="Metadata">Who did it and why (principal, correlation, causation, idempotency key).</param>
public sealed record NewEvent(Guid EventId, string Type, string Data, EventMetadata Metadata)
{
    /// <summary>
    /// The object <see cref="Data"/> was serialized from, when the appender has it: the read models run inline read it
    /// (through <see cref="DecidedEvents"/>) instead of parsing the JSON again. Never stored.
    /// </summary>
    public object? Decided { get; init; }
}

/// <summary>The events to append to one stream, guarded by the version the caller expects it to have.</summary>
public sealed record StreamAppend(string StreamId, ExpectedVersion ExpectedVersion, IReadOnlyList<NewEvent> Events);
