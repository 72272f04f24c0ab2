using System.Security.Cryptography;
using System.Text;
using Ledger.Common;

namespace Ledger.Keys;

/// <summary>How API keys look, are hashed and where they are stored.</summary>
public static class ApiKeys
{
    /// <summary>Every key starts with this, so secret scanners and people recognise one in a log or a paste.</summary>
    public const string KeyPrefix = "lgr_";

    /// <summary>The stream of the generated admin key.</summary>
    public const string AdminStreamId = "system-admin";

    /// <summary>The label of the admin principal.</summary>
    public const string AdminLabel = "admin";

    /// <summary>A new random key: the prefix and 256 bits, base64url.</summary>
    public static string Generate() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key formatted from 32 bytes of key material.</summary>
    public static string FromMaterial(ReadOnlySpan<byte> material) => KeyPrefix + Base64Url(material);

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8: the only form in which a key is stored.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The stream holding the key with <paramref name="keyHash"/>.</summary>
    public static string StreamOf(string keyHash) => "apikey-" + keyHash;

    /// <summary>
    /// The key's public id: the first 12 hex digits of its hash. Names the key in listings and revocations without
    /// revealing enough of the hash to test guesses against; events name their author by it (<c>key:</c> + id).
    /// </summary>
    public static string KeyIdOf(string keyHash) => keyHash[..12];

    /// <summary>True for a key id: 12 lower-case hex digits.</summary>
    public static bool IsKeyId(string? value) => value is { Length: 12 } && value.All(char.IsAsciiHexDigitLower);

    /// <summary>The principal id recorded in event metadata for the key with <paramref name="keyHash"/>.</summary>
    public static string PrincipalIdOf(string keyHash) => "key:" + KeyIdOf(keyHash);

    /// <summary>The principal of an admin key.</summary>
    public static Principal AdminPrincipal(string keyHash) => new(PrincipalIdOf(keyHash), Role.Admin, null, AdminLabel);

    /// <summary>The principal of an issued key.</summary>
    public static Principal PrincipalOf(ApiKeyIssued issued) =>
        new(PrincipalIdOf(issued.KeyHash), issued.Role, issued.CommunityId, issued.Label, issued.PartnerId);

    /// <summary>True when <paramref name="role"/> keys act for exactly one community.</summary>
    public static bool IsCommunityScoped(Role role) => role is Role.Committee or Role.Clerk or Role.Partner;

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
