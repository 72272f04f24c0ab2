using Ledger.Common;
using Ledger.Keys;
using Microsoft.Extensions.Caching.Memory;

namespace Ledger.Api.Infrastructure;

/// <summary>Finds who holds an API key: the admin key, or an issued key found by one read of its stream.</summary>
public sealed class ApiKeyPrincipals(ApiKeyDirectory directory, AdminKeyState admin, IMemoryCache cache)
{
    // Issued keys are never changed, so a positive answer stays true; the short life only bounds memory, and leaves
    // room for revocation to come. Unknown keys are not cached, so a key issued a moment ago works at once.
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Longer values are refused unread: no key this ledger makes or accepts is that long.</summary>
    public const int MaxKeyLength = 512;

    /// <summary>The principal holding <paramref name="key"/>, or null when the ledger does not know it.</summary>
    public async Task<Principal?> FindAsync(string key, CancellationToken cancellationToken)
    {
        if (key.Length > MaxKeyLength)
        {
            return null;
        }

        var hash = ApiKeys.Hash(key);
        if (admin.Matches(hash))
        {
            return ApiKeys.AdminPrincipal(hash);
        }

        var cacheKey = "apikey:" + hash;
        if (cache.TryGetValue(cacheKey, out Principal? known))
        {
            return known;
        }

        var principal = await directory.FindAsync(hash, cancellationToken);
        if (principal is not null)
        {
            cache.Set(cacheKey, principal, CacheLifetime);
        }

        return principal;
    }
}
