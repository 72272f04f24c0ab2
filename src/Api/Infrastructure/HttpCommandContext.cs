using Ledger.Common;
using Ledger.Keys;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// The <see cref="ICommandContext"/> of one HTTP request, filled by <see cref="CommandContextMiddleware"/> after
/// authentication: the caller, the correlation id, and the client's scoped, fingerprinted idempotency key.
/// </summary>
public sealed class HttpCommandContext : ICommandContext
{
    private Principal? _principal;
    private string? _callerKey;

    /// <inheritdoc />
    public Principal Principal => _principal
        ?? throw new InvalidOperationException("This request has no authenticated caller; only endpoints that need a key may send commands.");

    /// <summary>True when the request carried a valid key.</summary>
    public bool IsAuthenticated => _principal is not null;

    /// <inheritdoc />
    public string CorrelationId { get; internal set; } = "";

    /// <inheritdoc />
    public ClientIdempotency? Idempotency { get; internal set; }

    internal void SetCaller(Principal? principal, string? callerKey)
    {
        _principal = principal;
        _callerKey = principal is null ? null : callerKey;
    }

    /// <summary>A mint that can derive a key again on a replay, seeded by the caller's own key.</summary>
    internal ApiKeyMint CreateMint() => _callerKey is { Length: > 0 } key ? new ApiKeyMint(key) : new ApiKeyMint();
}
