using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Keys;

/// <summary>
/// Finds the principal of an issued key from its hash: one read of the key's own stream, which holds its issue and,
/// once revoked, its revocation.
/// </summary>
public sealed class ApiKeyDirectory(IEventStore store, EventTypeRegistry eventTypes)
{
    /// <summary>The key's principal, or null when no key with <paramref name="keyHash"/> was issued or it was revoked.</summary>
    public async Task<Principal?> FindAsync(string keyHash, CancellationToken cancellationToken = default)
    {
        Principal? principal = null;
        await foreach (var e in store.ReadStreamAsync(ApiKeys.StreamOf(keyHash), 1, cancellationToken))
        {
            switch (eventTypes.Deserialize(e))
            {
                case ApiKeyIssued issued when issued.KeyHash == keyHash:
                    principal = ApiKeys.PrincipalOf(issued);
                    break;
                case ApiKeyRevoked revoked when revoked.KeyHash == keyHash:
                    return null;
            }
        }

        return principal;
    }
}
