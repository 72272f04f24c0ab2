namespace Ledger.EventStore;

/// <summary>A stream's version after an append.</summary>
public readonly record struct StreamVersion(string StreamId, long Version);

/// <summary>The outcome of an append.</summary>
/// <param name="Streams">Each stream appended to, with its new version (the next expected version), in the order given.</param>
/// <param name="LastPosition">The global position of the last event appended.</param>
/// <param name="Replayed">True when the idempotency key was already stored: nothing was appended and this is the original result.</param>
/// <param name="Response">The response stored with the idempotency key, if any (see <see cref="IdempotencyKey.DescribeResponse"/>).</param>
public sealed record AppendResult(IReadOnlyList<StreamVersion> Streams, long LastPosition, bool Replayed = false, string? Response = null)
{
    /// <summary>
    /// When the store recorded the appended events (one time for the whole append), so a caller can fold them exactly
    /// as a later read would. Not kept for a replayed result.
    /// </summary>
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The new version of the only stream appended to.</summary>
    public long NextExpectedVersion => Streams.Count == 1
        ? Streams[0].Version
        : throw new InvalidOperationException($"The append touched {Streams.Count} streams; read Streams instead.");

    /// <summary>The new version of <paramref name="streamId"/>.</summary>
    public long VersionOf(string streamId) =>
        Streams.FirstOrDefault(s => s.StreamId == streamId) is { StreamId: not null } s
            ? s.Version
            : throw new KeyNotFoundException($"The append did not touch stream '{streamId}'.");
}
