namespace Ledger.EventStore;

/// <summary>A stream was not at the version the appender expected. Nothing was appended.</summary>
public sealed class ConcurrencyException(string streamId, ExpectedVersion expected, long actual)
    : Exception($"Stream '{streamId}' is at version {actual}, but version {expected} was expected.")
{
    /// <summary>The stream whose version did not match.</summary>
    public string StreamId { get; } = streamId;

    /// <summary>The version the appender expected.</summary>
    public ExpectedVersion Expected { get; } = expected;

    /// <summary>The version the stream actually had.</summary>
    public long Actual { get; } = actual;
}

/// <summary>An idempotency key was reused for a different request. Nothing was appended.</summary>
public sealed class IdempotencyConflictException(string key)
    : Exception($"Idempotency key '{key}' was already used for a different request.")
{
    /// <summary>The reused key.</summary>
    public string Key { get; } = key;
}

/// <summary>The store cannot be opened or used: unreachable, unreadable, foreign or from a newer version.</summary>
public sealed class EventStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>An import was refused: the store is not empty, or the events do not form intact hash chains. Nothing was imported.</summary>
public sealed class ImportRefusedException(string message, Exception? inner = null) : Exception(message, inner);
