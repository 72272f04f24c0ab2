namespace Ledger.Common;

/// <summary>
/// What a handler knows about the request it serves: who asked, the correlation id, and the client's
/// idempotency key. The API fills it per request; the command line and tests fill it themselves.
/// </summary>
public interface ICommandContext
{
    /// <summary>The caller.</summary>
    Principal Principal { get; }

    /// <summary>Groups the events this request causes.</summary>
    string CorrelationId { get; }

    /// <summary>The client's idempotency key, scoped to the caller and fingerprinted; null when none was sent.</summary>
    ClientIdempotency? Idempotency { get; }
}

/// <summary>A client's idempotency key as the store keeps it.</summary>
/// <param name="ScopedKey">The key scoped by the caller, so two callers' keys never collide.</param>
/// <param name="RequestHash">Fingerprint of method, path and body: the same key with another request is refused.</param>
public sealed record ClientIdempotency(string ScopedKey, string RequestHash);

/// <summary>A fixed context for the command line, start-up work and tests.</summary>
public sealed record FixedCommandContext(Principal Principal, string CorrelationId, ClientIdempotency? Idempotency = null)
    : ICommandContext;
