namespace Ledger.EventStore;

/// <summary>An event as the store recorded it.</summary>
/// <param name="EventId">Unique id given by the appender.</param>
/// <param name="StreamId">The stream the event belongs to.</param>
/// <param name="StreamVersion">Its place in the stream, counting from 1 without gaps.</param>
/// <param name="Position">Its place in the whole ledger. Increasing, but not gap-free on PostgreSQL.</param>
/// <param name="Type">Stable type name with a version suffix.</param>
/// <param name="Data">The event's JSON exactly as stored.</param>
/// <param name="MetadataJson">The metadata's JSON exactly as stored (see <see cref="Metadata"/>).</param>
/// <param name="RecordedAt">When the store recorded it, UTC, to the microsecond.</param>
/// <param name="Hash">Lower-case hex SHA-256 chaining this event to the previous one in its stream (<see cref="EventHasher"/>).</param>
public sealed record RecordedEvent(
    Guid EventId,
    string StreamId,
    long StreamVersion,
    long Position,
    string Type,
    string Data,
    string MetadataJson,
    DateTimeOffset RecordedAt,
    string Hash)
{
    private EventMetadata? _metadata;

    /// <summary>The parsed metadata.</summary>
    public EventMetadata Metadata => _metadata ??= EventMetadata.FromJson(MetadataJson);
}
