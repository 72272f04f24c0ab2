namespace Ledger.Api.Infrastructure;

/// <summary>
/// Headers every answer carries: <c>X-Content-Type-Options: nosniff</c> (a JSON or CSV answer is never run as a
/// script or page), and for HTML a Content-Security-Policy with <c>frame-ancestors 'none'</c>: the endpoint's own policy
/// (the pages', the statement's) with that added where it lacks it, else <see cref="DocumentPolicy"/>; <c>/docs</c> gets
/// one naming its nonce.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>
    /// The printable documents' policy (poster, statement, shift close): their one inline stylesheet, nothing to run,
    /// nothing fetched from elsewhere, never framed. Their data is encoded text, so no script could be injected
    /// anyway; this makes sure none would run.
    /// </summary>
    public const string DocumentPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; base-uri 'none'; "
        + "form-action 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(static state =>
        {
            var response = ((HttpContext)state).Response;
            response.Headers.XContentTypeOptions = "nosniff";
            if (((HttpContext)state).Items.TryGetValue(Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey, out var nonce) && nonce is string value)
            {
                // The API reference: its start-up script carries this response's nonce.
                response.Headers.ContentSecurityPolicy = Endpoints.DocsEndpoints.PolicyWithNonce(value);
            }
            else if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                var own = response.Headers.ContentSecurityPolicy.ToString();
                // An endpoint's own policy is kept, and made to refuse framing if it does not say so itself.
                response.Headers.ContentSecurityPolicy = own.Length == 0 ? DocumentPolicy
                    : own.Contains("frame-ancestors", StringComparison.Ordinal) ? own
                    : own.TrimEnd().TrimEnd(';') + "; frame-ancestors 'none'";
                response.Headers["Referrer-Policy"] = "no-referrer";
            }

            return Task.CompletedTask;
        }, http);
        return next(http);
    }
}
