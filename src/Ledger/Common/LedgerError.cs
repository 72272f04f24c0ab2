namespace Ledger.Common;

/// <summary>How a broken rule is answered over HTTP; the API maps each kind to one status code.</summary>
public enum ErrorKind
{
    /// <summary>400: the input is malformed or fails validation.</summary>
    Invalid,

    /// <summary>403: outside the caller's role or community.</summary>
    Forbidden,

    /// <summary>404: no such thing (or the caller may not know it exists).</summary>
    NotFound,

    /// <summary>409: the ledger's current state refuses it (not enough points, already done, ...).</summary>
    Conflict,

    /// <summary>422: well-formed but cannot be processed (idempotency key reused, event not correctable, ...).</summary>
    Unprocessable,
}

/// <summary>
/// A business rule that was broken. <paramref name="Type"/> is the stable problem slug
/// (e.g. <c>insufficient-points</c>); the API publishes it as the problem's <c>type</c> <c>/problems/{Type}</c>.
/// </summary>
/// <param name="Type">Stable slug, never reworded once released.</param>
/// <param name="Kind">Which status family it belongs to.</param>
/// <param name="Title">Short human summary, the same for every instance of the type.</param>
/// <param name="Detail">What happened this time.</param>
/// <param name="Extensions">Extra members for the problem body (e.g. <c>balance</c>, <c>needed</c>, <c>sku</c>).</param>
public sealed record LedgerError(
    string Type,
    ErrorKind Kind,
    string Title,
    string Detail,
    IReadOnlyDictionary<string, object?>? Extensions = null);
