namespace Ledger.EventStore;

/// <summary>
/// Makes an append safe to retry. The key is stored in the same transaction as the events: if it is already
/// stored, the original <see cref="AppendResult"/> (and stored response) comes back and nothing is appended.
/// </summary>
/// <param name="Key">The key, already scoped by the caller (e.g. principal and client key).</param>
/// <param name="RequestHash">A fingerprint of the request; the same key with another fingerprint is refused with <see cref="IdempotencyConflictException"/>.</param>
/// <param name="DescribeResponse">
/// Optional: renders the response to store with the key, given the append's result. It runs inside the
/// append's transaction, so the stored response always matches the stored events.
/// </param>
public sealed record IdempotencyKey(string Key, string RequestHash, Func<AppendResult, string>? DescribeResponse = null);

/// <summary>What the store holds for an idempotency key.</summary>
/// <param name="Key">The key.</param>
/// <param name="RequestHash">The fingerprint of the request that first used it.</param>
/// <param name="Result">The original append's result, with <see cref="AppendResult.Replayed"/> set.</param>
/// <param name="RecordedAt">When it was stored.</param>
public sealed record StoredIdempotencyKey(string Key, string RequestHash, AppendResult Result, DateTimeOffset RecordedAt);
