using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Keys;

/// <summary>Finds the principal of an issued key from its hash: one read of the key's own stream.</summary>
public sealed class ApiKeyDirectory(IEventStore store, EventTypeRegistry eventTypes)
{
    /// <summary>The key's principal, or null when no key with <paramref name="keyHash"/> was issued.</summary>
    public async Task<Principal?> FindAsync(string keyHash, CancellationToken cancellationToken = default)
    {
        await foreach (var e in store.ReadStreamAsync(ApiKeys.StreamOf(keyHash), 1, cancellationToken))
        {
            if (eventTypes.Deserialize(e) is ApiKeyIssued issued && issued.KeyHash == keyHash)
            {
                return ApiKeys.PrincipalOf(issued);
            }
        }

        return null;
    }
}
