using Ledger.EventStore;

namespace Ledger.Common;

/// <summary>Turns the client's idempotency key into the store's.</summary>
public static class ClientIdempotencyExtensions
{
    /// <summary>
    /// The store key for an append made on behalf of this client key. <paramref name="describeResponse"/> renders the
    /// JSON the handler will return, inside the append's transaction, so a replay can return it unchanged.
    /// </summary>
    public static IdempotencyKey ToStoreKey(this ClientIdempotency client, Func<AppendResult, string>? describeResponse) =>
        new(client.ScopedKey, client.RequestHash, describeResponse);
}
