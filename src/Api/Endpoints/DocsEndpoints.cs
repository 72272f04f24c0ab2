using Ledger.Api.Infrastructure;
using Scalar.AspNetCore;

namespace Ledger.Api.Endpoints;

/// <summary>
/// <c>/docs</c>: the interactive API reference (Scalar) over <c>/openapi/v1.json</c>. Its script and styles are served
/// by this process from the package's embedded assets; the default fonts (fetched from Scalar's CDN), telemetry, the AI
/// agent and the vendor's developer toolbar are off, and the page's policy admits scripts of this origin and the page's own nonce only, so nothing else can load.
/// </summary>
public static class DocsEndpoints
{
    /// <summary>The reference's address.</summary>
    public const string Path = "/docs";

    /// <summary>Maps the reference and its assets, anonymously (the document is public; trying a call needs a key).</summary>
    public static IEndpointRouteBuilder MapDocs(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Path, options => options
                .WithTitle("积分超市账本 API · Service Supermarket Ledger API")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .WithNonce()
                .AddPreferredSecuritySchemes([ApiKeyAuthenticationHandler.SchemeName])
                .AddApiKeyAuthentication(ApiKeyAuthenticationHandler.SchemeName, scheme => scheme.Name = ApiKeyAuthenticationHandler.HeaderName))
            .AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The reference page's policy: scripts from this origin and with this response's nonce (its inline start-up);
    /// styles inline too (the reference sets them at run time); requests to this origin only; never framed.
    /// </summary>
    public static string PolicyWithNonce(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; "
        + "frame-ancestors 'none'; object-src 'none'";
}
