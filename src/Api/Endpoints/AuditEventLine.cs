using System.Text.Json;
using System.Text.Json.Serialization;
using Ledger.EventStore;

namespace Ledger.Api.Endpoints;

/// <summary>
/// One event of the global feed, with every field its hash covers: the fields of a line of the NDJSON export.
/// <paramref name="Data"/> and <paramref name="Metadata"/> are the stored JSON written through byte for byte, so a
/// reader can recompute the hash chain from the feed alone.
/// </summary>
/// <param name="Position">Its place in the whole ledger.</param>
/// <param name="EventId">Its id.</param>
/// <param name="StreamId">Its stream.</param>
/// <param name="Version">Its place in the stream.</param>
/// <param name="Type">Its stored type name.</param>
/// <param name="Data">The event's JSON exactly as stored.</param>
/// <param name="Metadata">The metadata's JSON exactly as stored.</param>
/// <param name="RecordedAt">When the store recorded it (UTC, microseconds).</param>
/// <param name="Hash">Its hash, chaining it to the previous event of its stream.</param>
public sealed record AuditEventLine(
    long Position, Guid EventId, string StreamId, long Version, string Type, StoredJson Data, StoredJson Metadata,
    DateTimeOffset RecordedAt, string Hash)
{
    /// <summary>The line of <paramref name="e"/>.</summary>
    public static AuditEventLine From(RecordedEvent e) =>
        new(e.Position, e.EventId, e.StreamId, e.StreamVersion, e.Type, new StoredJson(e.Data), new StoredJson(e.MetadataJson), e.RecordedAt, e.Hash);
}

/// <summary>A stored JSON text, written into an answer as JSON without being parsed and re-written.</summary>
/// <param name="Text">The JSON exactly as stored.</param>
[JsonConverter(typeof(StoredJsonConverter))]
public readonly record struct StoredJson(string Text);

/// <summary>Writes <see cref="StoredJson"/> through unchanged; text that is not JSON (only a tampered row) becomes a JSON string.</summary>
public sealed class StoredJsonConverter : JsonConverter<StoredJson>
{
    /// <inheritdoc />
    public override StoredJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new StoredJson(document.RootElement.GetRawText());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, StoredJson value, JsonSerializerOptions options)
    {
        try
        {
            writer.WriteRawValue(value.Text);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
