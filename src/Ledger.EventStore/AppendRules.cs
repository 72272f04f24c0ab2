using System.Text.Json;

namespace Ledger.EventStore;

/// <summary>What both backends check and store the same way around an append.</summary>
internal static class AppendRules
{
    /// <summary>Refuses an append no backend should attempt: nothing to append, an empty stream list, a stream named twice.</summary>
    public static void Validate(IReadOnlyList<StreamAppend> appends)
    {
        ArgumentNullException.ThrowIfNull(appends);
        if (appends.Count == 0)
        {
            throw new ArgumentException("An append needs at least one stream.", nameof(appends));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var append in appends)
        {
            if (string.IsNullOrEmpty(append.StreamId))
            {
                throw new ArgumentException("A stream id cannot be empty.", nameof(appends));
            }

            if (append.Events.Count == 0)
            {
                throw new ArgumentException($"The append to stream '{append.StreamId}' has no events.", nameof(appends));
            }

            // Twice in one call would need two expected versions of one stream, which cannot both hold.
            if (!seen.Add(append.StreamId))
            {
                throw new ArgumentException($"Stream '{append.StreamId}' appears more than once in one append.", nameof(appends));
            }
        }
    }

    /// <summary>The JSON stored with an idempotency key: the streams' versions and the last position.</summary>
    public static string SerializeResult(AppendResult result) =>
        JsonSerializer.Serialize(new StoredResult(result.Streams, result.LastPosition), LedgerJson.Options);

    /// <summary>The original result, marked replayed, from what <see cref="SerializeResult"/> stored.</summary>
    public static AppendResult DeserializeResult(string json, string? response)
    {
        var stored = JsonSerializer.Deserialize<StoredResult>(json, LedgerJson.Options)
                     ?? throw new JsonException("A stored idempotency result is null.");
        return new AppendResult(stored.Streams, stored.LastPosition, Replayed: true, Response: response);
    }

    private sealed record StoredResult(IReadOnlyList<StreamVersion> Streams, long LastPosition);
}
