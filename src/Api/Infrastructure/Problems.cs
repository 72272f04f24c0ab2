using Ledger.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Api.Infrastructure;

/// <summary>Builds RFC 9457 problem responses: <c>type</c> <c>/problems/{slug}</c>, title, status, detail, extensions.</summary>
public static class Problems
{
    /// <summary>The HTTP status of each kind of <see cref="LedgerError"/>.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No status for this kind of error."),
    };

    /// <summary>The problem for a broken rule; its <see cref="LedgerError.Extensions"/> become members of the body.</summary>
    public static ProblemHttpResult From(LedgerError error) =>
        Create(error.Type, StatusOf(error.Kind), error.Title, error.Detail, error.Extensions);

    /// <summary>A problem with the given slug (see <see cref="ProblemTypes"/>).</summary>
    public static ProblemHttpResult Create(
        string slug, int status, string title, string? detail, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var problem = new ProblemDetails
        {
            Type = ProblemTypes.UriOf(slug),
            Title = title,
            Status = status,
            Detail = detail,
        };
        foreach (var (name, value) in extensions ?? [])
        {
            problem.Extensions[name] = value;
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>The 400 <c>validation-failed</c> problem with its <c>errors</c> map (field → messages).</summary>
    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        From(ValidationErrors.Failed(errors));

    /// <summary>The problem for a bare error status with no body of its own (unknown route, wrong method, ...).</summary>
    internal static ProblemHttpResult ForStatus(int status, string? path) => status switch
    {
        StatusCodes.Status400BadRequest => Create(ProblemTypes.MalformedRequest, status, "Malformed request", "The request could not be read."),
        StatusCodes.Status401Unauthorized => Create(ProblemTypes.Unauthorized, status, "Unauthorized", "Send your API key in the X-Api-Key header."),
        StatusCodes.Status403Forbidden => From(LedgerErrors.Forbidden("This key may not make this request.")),
        StatusCodes.Status404NotFound => Create(ProblemTypes.NotFound, status, "Not found", $"Nothing is at '{path}'."),
        StatusCodes.Status405MethodNotAllowed => Create(ProblemTypes.MethodNotAllowed, status, "Method not allowed", $"'{path}' does not accept this method."),
        // Kestrel's body limit (RequestBodyLimit): thrown while a body is read, or answered bare when the framework binds it.
        StatusCodes.Status413PayloadTooLarge => Create(ProblemTypes.RequestTooLarge, status, "Request too large",
            $"The body is larger than {RequestBodyLimit.Size}; no request of this API needs that much."),
        StatusCodes.Status415UnsupportedMediaType => Create(ProblemTypes.UnsupportedMediaType, status, "Unsupported media type", "Send the body as application/json."),
        >= 500 => Create(ProblemTypes.InternalError, status, "Internal error", "The server could not answer this request."),
        _ => Create("http-" + status, status, ReasonPhrase(status), null),
    };

    /// <summary>How long a client should wait before retrying when the store is unavailable (a failover takes seconds).</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>
    /// The 503 <c>store-unavailable</c> problem, with <c>Retry-After</c> set on <paramref name="http"/>'s response: the
    /// request changed nothing, and the same request (with the same idempotency key) may be sent again.
    /// </summary>
    public static ProblemHttpResult StoreUnavailable(
        HttpContext http, string detail, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Create(ProblemTypes.StoreUnavailable, StatusCodes.Status503ServiceUnavailable, "Store unavailable", detail, extensions);
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
