namespace Ledger.Common;

/// <summary>The errors every part of the ledger shares; a domain rule defines its own beside its handler.</summary>
public static class LedgerErrors
{
    /// <summary>The caller's <c>Idempotency-Key</c> was already used for a different request (422).</summary>
    public static LedgerError IdempotencyKeyReused(string clientKey) => new(
        ProblemTypes.IdempotencyKeyReused,
        ErrorKind.Unprocessable,
        "Idempotency key reused",
        $"The Idempotency-Key '{clientKey}' was already used for a different request. Use a new key for a new request.");

    /// <summary>Outside the caller's role or community (403).</summary>
    public static LedgerError Forbidden(string detail) =>
        new(ProblemTypes.Forbidden, ErrorKind.Forbidden, "Forbidden", detail);

    /// <summary>No such community (404).</summary>
    public static LedgerError CommunityNotFound(string communityId) => new(
        ProblemTypes.CommunityNotFound,
        ErrorKind.NotFound,
        "Community not found",
        $"No community '{communityId}' is registered.",
        new Dictionary<string, object?> { ["communityId"] = communityId });

    /// <summary>
    /// Input that breaks the rules (400), with <paramref name="errors"/> (field → messages) published as the
    /// problem's <c>errors</c> member. Field names are the JSON names (camelCase, <c>lines[0].sku</c>).
    /// </summary>
    public static LedgerError ValidationFailed(IReadOnlyDictionary<string, string[]> errors) => new(
        ProblemTypes.ValidationFailed,
        ErrorKind.Invalid,
        "Validation failed",
        errors.Count == 1 ? "One field is invalid." : $"{errors.Count} fields are invalid.",
        new Dictionary<string, object?> { ["errors"] = errors });
}
