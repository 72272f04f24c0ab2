using System.Text.Json;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Postgres;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Turns every exception that reaches the pipeline into a problem: bad input is a 4xx (never a 5xx), a lost race a
/// 409, a store that cannot be reached a 503 with Retry-After, anything else a 500 that names no internals (the log has them, under the correlation id).
/// </summary>
internal sealed class LedgerExceptionHandler(ILogger<LedgerExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            ValidationFailedException invalid => Problems.From(invalid.ToLedgerError()),
            IdempotencyConflictException => Problems.From(LedgerErrors.IdempotencyKeyReused()),
            // Same type and title as the domain's LedgerErrors.ConcurrencyConflict: one title per problem type.
            ConcurrencyException conflict => Problems.Create(
                ProblemTypes.ConcurrencyConflict, StatusCodes.Status409Conflict, "Changed concurrently",
                "Another request changed the same record at the same time. Retry the request.",
                [new("stream", conflict.StreamId)]),
            // Also a driver's own error that escaped the store (a read model's query when the primary died, say).
            _ when PostgresEventStore.IsUnavailable(exception) => Unavailable(httpContext, exception),
            _ => Internal(httpContext, exception),
        };

        // The exception handler cleared the response's headers; the client still needs the id to quote.
        if (httpContext.RequestServices.GetService<HttpCommandContext>()?.CorrelationId is { Length: > 0 } correlationId)
        {
            httpContext.Response.Headers[CommandContextMiddleware.CorrelationHeader] = correlationId;
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    private static ProblemHttpResult FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode is StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType)
        {
            return Problems.ForStatus(bad.StatusCode, null);
        }

        // The framework's own messages name CLR types and parameters; say what the client can act on instead.
        var detail = bad.InnerException switch
        {
            JsonException { Path: { } path } => $"The body is not valid JSON for this request (at {path}).",
            JsonException => "The body is not valid JSON for this request.",
            _ when bad.Message.Contains("no body was provided", StringComparison.Ordinal)
                || bad.Message.Contains("was not provided from body", StringComparison.Ordinal) => "The request needs a JSON body.",
            _ when bad.Message.Contains("was not provided", StringComparison.Ordinal) => "A required parameter is missing.",
            _ => "The request could not be read.",
        };
        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        return Problems.Create(ProblemTypes.MalformedRequest, status, "Malformed request", detail);
    }

    private ProblemHttpResult Unavailable(HttpContext httpContext, Exception exception)
    {
        // One line, no stack trace: during a failover every request for some seconds comes here, and the cause is
        // the store, not this code.
        logger.LogWarning("The event store is unavailable ({Method} {Path}): {Reason}",
            httpContext.Request.Method, httpContext.Request.Path, exception.Message.ReplaceLineEndings(" "));
        return Problems.StoreUnavailable(httpContext, "The ledger's store cannot be reached. Try again later.");
    }

    private ProblemHttpResult Internal(HttpContext httpContext, Exception exception)
    {
        var correlationId = httpContext.RequestServices.GetService<HttpCommandContext>()?.CorrelationId is { Length: > 0 } known
            ? known
            : httpContext.TraceIdentifier;
        logger.LogError(exception, "Unhandled exception for {Method} {Path} (correlation {CorrelationId})",
            httpContext.Request.Method, httpContext.Request.Path, correlationId);
        return Problems.Create(ProblemTypes.InternalError, StatusCodes.Status500InternalServerError, "Internal error",
            "The server failed to answer this request. Quote the correlation id when reporting it.",
            [new("correlationId", correlationId)]);
    }
}
