using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Keys;

/// <summary>
/// The closed set of events on the key streams (<c>apikey-{hash}</c> and <see cref="ApiKeys.AdminStreamId"/>), all in this
/// file. A marker only, so the stored JSON of each event is exactly its own record's.
/// </summary>
public interface IApiKeyEvent;

/// <summary>
/// The server generated the admin key on its first start (none was configured). Only the key's SHA-256 is kept;
/// the key itself was printed once. Appended to <see cref="ApiKeys.AdminStreamId"/> with <c>NoStream</c>, so of two
/// instances starting together only one creates it.
/// </summary>
/// <param name="KeyHash">Lower-case hex SHA-256 of the key's UTF-8.</param>
[EventType("AdminKeyGenerated.v1")]
public sealed record AdminKeyGenerated(string KeyHash) : IApiKeyEvent;

/// <summary>
/// An admin issued an API key. Stored in <c>apikey-{KeyHash}</c>, so authenticating a key is one stream read.
/// </summary>
/// <param name="KeyHash">Lower-case hex SHA-256 of the key's UTF-8; the key itself is never stored.</param>
/// <param name="Role">What the key may do.</param>
/// <param name="CommunityId">The community a committee, clerk or partner key acts for; null for admin and auditor keys.</param>
/// <param name="Label">Who or what holds it (e.g. "张三 counter 1").</param>
/// <param name="PartnerId">The partner a partner key acts for; absent for other roles (and in every <c>.v1</c>, written before partners).</param>
[EventType("ApiKeyIssued.v2")]
[UpcastsFrom("ApiKeyIssued.v1")]
public sealed record ApiKeyIssued(string KeyHash, Role Role, string? CommunityId, string Label, string? PartnerId = null) : IApiKeyEvent;

/// <summary>
/// An admin revoked an issued key: from then on it authenticates nothing. Appended to the key's own stream after its
/// <see cref="ApiKeyIssued"/>, so the one stream read that authenticates a key also finds its revocation.
/// </summary>
/// <param name="KeyHash">The revoked key's hash (as in its <see cref="ApiKeyIssued"/>).</param>
/// <param name="Reason">Why, as the admin gave it (e.g. "counter tablet lost").</param>
[EventType("ApiKeyRevoked.v1")]
public sealed record ApiKeyRevoked(string KeyHash, string Reason) : IApiKeyEvent;
