using System.Collections.Concurrent;
using Ledger.Common;
using Ledger.Keys;
using Microsoft.Extensions.Caching.Memory;

namespace Ledger.Api.Infrastructure;

/// <summary>Finds who holds an API key: the admin key, or an issued key found by one read of its stream.</summary>
public sealed class ApiKeyPrincipals(ApiKeyDirectory directory, AdminKeyState admin, IMemoryCache cache)
{
    /// <summary>
    /// How long a known key is believed without reading its stream again. A revocation made on another server of the
    /// same ledger is in that stream, so this bounds how long the key still works there (the contract allows 5 s). It
    /// costs one stream read per busy key per period, off nothing but that key's next request.
    /// </summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(2);

    /// <summary>Longer values are refused unread: no key this ledger makes or accepts is that long.</summary>
    public const int MaxKeyLength = 512;

    // Key ids revoked through this server: refused at once, whatever the cache still holds.
    private readonly ConcurrentDictionary<string, bool> _revokedHere = new(StringComparer.Ordinal);

    /// <summary>The principal holding <paramref name="key"/>, or null when the ledger does not know it or it was revoked.</summary>
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

        if (_revokedHere.ContainsKey(ApiKeys.KeyIdOf(hash)))
        {
            return null;
        }

        var cacheKey = "apikey:" + hash;
        if (cache.TryGetValue(cacheKey, out Principal? known))
        {
            return known;
        }

        // Unknown and revoked keys are not cached, so a key issued a moment ago works at once.
        var principal = await directory.FindAsync(hash, cancellationToken);
        if (principal is not null)
        {
            cache.Set(cacheKey, principal, CacheLifetime);
        }

        return principal;
    }

    /// <summary>Refuses the key with <paramref name="keyId"/> on this server from now on (it was just revoked here).</summary>
    public void Forget(string keyId) => _revokedHere[keyId] = true;
}
