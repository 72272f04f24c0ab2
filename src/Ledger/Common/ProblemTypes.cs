namespace Ledger.Common;

/// <summary>
/// The stable problem slugs shared by every part of the API. A problem's <c>type</c> is <c>/problems/{slug}</c>.
/// Slugs are never reworded once released; a domain rule adds its own next to its <see cref="LedgerError"/>.
/// </summary>
public static class ProblemTypes
{
    /// <summary>The prefix of every problem <c>type</c>.</summary>
    public const string Prefix = "/problems/";

    /// <summary>401: no <c>X-Api-Key</c>, or one the ledger does not know.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>403: the key's role or community does not allow this.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>404: no such route or resource.</summary>
    public const string NotFound = "not-found";

    /// <summary>404: the community named by the route or body is not registered.</summary>
    public const string CommunityNotFound = "community-not-found";

    /// <summary>405: the route exists but not with this method.</summary>
    public const string MethodNotAllowed = "method-not-allowed";

    /// <summary>400: the body is missing, is not JSON, or has a value of the wrong JSON type.</summary>
    public const string MalformedRequest = "malformed-request";

    /// <summary>415: the body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = "unsupported-media-type";

    /// <summary>413: the body is larger than any request of the API needs (1 MiB).</summary>
    public const string RequestTooLarge = "request-too-large";

    /// <summary>400: the request is well-formed JSON but its values break the rules; the body has an <c>errors</c> map.</summary>
    public const string ValidationFailed = "validation-failed";

    /// <summary>422: an <c>Idempotency-Key</c> already used by this caller for a different request.</summary>
    public const string IdempotencyKeyReused = "idempotency-key-reused";

    /// <summary>409: another request changed the same stream at the same time, and retrying did not settle it.</summary>
    public const string ConcurrencyConflict = "concurrency-conflict";

    /// <summary>503: the event store cannot be reached.</summary>
    public const string StoreUnavailable = "store-unavailable";

    /// <summary>500: a fault of the server; the body never carries its stack trace.</summary>
    public const string InternalError = "internal-error";

    /// <summary>The problem <c>type</c> URI of <paramref name="slug"/>.</summary>
    public static string UriOf(string slug) => Prefix + slug;
}
