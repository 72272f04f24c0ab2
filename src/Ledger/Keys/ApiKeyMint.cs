using System.Security.Cryptography;
using System.Text;
using Ledger.Common;

namespace Ledger.Keys;

/// <summary>
/// Makes the keys that <see cref="IssueApiKey"/> hands out.
/// A key is shown once and only its hash is stored, yet a retried request with the same <c>Idempotency-Key</c> must
/// get the same body back. Storing the key with the idempotency record would put live secrets in the database, so
/// instead a request that carries an idempotency key derives its key from the caller's own secret (its API key,
/// which only the caller holds), the scoped idempotency key and the request's fingerprint: the retry derives the same
/// key again, and nothing in the database lets anyone else do so.
/// </summary>
public sealed class ApiKeyMint
{
    private static readonly byte[] DerivationInfo = "ledger api-key mint v1"u8.ToArray();

    private readonly byte[]? _secret;

    /// <summary>A mint that can only make random keys (command line, tests).</summary>
    public ApiKeyMint()
    {
    }

    /// <summary>A mint for a caller who proved <paramref name="callerKey"/>.</summary>
    public ApiKeyMint(string callerKey)
    {
        // HKDF, not the key's plain SHA-256: HMAC hashes keys longer than its block, and that hash is exactly what
        // the ledger stores, so a long configured admin key would otherwise hand the derivation to a database reader.
        _secret = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(callerKey), 32, info: DerivationInfo);
    }

    /// <summary>True when a replay of <paramref name="idempotency"/> can show the same key again.</summary>
    public bool IsReproducible(ClientIdempotency? idempotency) => idempotency is not null && _secret is not null;

    /// <summary>A new key: derived when <see cref="IsReproducible"/>, random otherwise.</summary>
    public string Mint(ClientIdempotency? idempotency)
    {
        if (idempotency is null || _secret is null)
        {
            return ApiKeys.Generate();
        }

        var message = Encoding.UTF8.GetBytes($"{idempotency.ScopedKey}\n{idempotency.RequestHash}");
        return ApiKeys.FromMaterial(HMACSHA256.HashData(_secret, message));
    }
}
