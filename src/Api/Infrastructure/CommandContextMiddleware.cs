using Ledger.Common;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Fills <see cref="HttpCommandContext"/> for the request: caller, correlation id (<c>X-Correlation-Id</c>, echoed
/// back) and the <c>Idempotency-Key</c>, scoped by the caller and fingerprinted with the request. Runs after
/// authorization, so a refused request is never read.
/// </summary>
internal sealed class CommandContextMiddleware(RequestDelegate next)
{
    public const string CorrelationHeader = "X-Correlation-Id";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 200;

    public async Task InvokeAsync(HttpContext http, HttpCommandContext context)
    {
        context.CorrelationId = CorrelationIdOf(http);
        http.Response.Headers[CorrelationHeader] = context.CorrelationId;
        var principal = http.User.ToLedgerPrincipal();
        context.SetCaller(principal, http.Request.Headers[ApiKeyAuthenticationHandler.HeaderName]);

        // An open endpoint changes nothing, so there is nobody to scope a key by and nothing to protect.
        if (principal is not null && http.Request.Headers.TryGetValue(IdempotencyHeader, out var values))
        {
            if (Validate(values) is { } problem)
            {
                await Problems.Validation(new Dictionary<string, string[]> { [IdempotencyHeader] = [problem] }).ExecuteAsync(http);
                return;
            }

            var hash = await RequestFingerprint.ComputeAsync(http.Request, http.RequestAborted);
            context.Idempotency = new ClientIdempotency(principal.Id + ":" + values[0], hash);
        }

        await next(http);
    }

    /// <summary>Why the header's value is not a usable key, or null when it is.</summary>
    internal static string? Validate(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1)
        {
            return "Send exactly one Idempotency-Key.";
        }

        var key = values[0] ?? "";
        return key.Length is >= 1 and <= MaxIdempotencyKeyLength && key.All(c => c is >= ' ' and <= '~')
            ? null
            : $"An Idempotency-Key is 1 to {MaxIdempotencyKeyLength} printable ASCII characters.";
    }

    private static string CorrelationIdOf(HttpContext http)
    {
        var sent = http.Request.Headers[CorrelationHeader].ToString();
        // Only a tame value is echoed into logs and events; anything else is replaced, not refused.
        return sent.Length is >= 1 and <= 128 && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? sent
            : http.TraceIdentifier;
    }
}
