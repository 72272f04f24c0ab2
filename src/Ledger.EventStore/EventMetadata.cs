using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.EventStore;

/// <summary>Who recorded an event and in answer to what. Stored as JSON beside the event and covered by its hash.</summary>
/// <param name="Principal">The key's principal that caused the event (e.g. <c>key:3f2a…</c> or <c>system</c>).</param>
/// <param name="CorrelationId">Groups every event caused by one request.</param>
/// <param name="CausationId">The id of the command or event that caused this one, if any.</param>
/// <param name="IdempotencyKey">The idempotency key of the append that stored the event, if any.</param>
public sealed record EventMetadata(
    string Principal,
    string? CorrelationId = null,
    string? CausationId = null,
    string? IdempotencyKey = null)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The canonical JSON of this metadata: properties in declaration order, nulls left out, no white space.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Parses metadata as stored.</summary>
    public static EventMetadata FromJson(string json) =>
        JsonSerializer.Deserialize<EventMetadata>(json, Options) ?? throw new JsonException("Event metadata is null.");
}
