using System.Text.Encodings.Web;
using Ledger.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header. A missing key leaves the request anonymous (so open endpoints work);
/// an unknown key fails. Challenges and refusals are answered with problem documents.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyPrincipals principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (values.Count > 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return AuthenticateResult.Fail($"Send exactly one {HeaderName} header with a key.");
        }

        var principal = await principals.FindAsync(values[0]!, Context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail($"The {HeaderName} is not a key of this ledger.")
            : AuthenticateResult.Success(new AuthenticationTicket(LedgerClaims.ToClaimsPrincipal(principal, SchemeName), SchemeName));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        await Problems.Create(
                ProblemTypes.Unauthorized,
                StatusCodes.Status401Unauthorized,
                "Unauthorized",
                result.Failure?.Message ?? $"Send your API key in the {HeaderName} header.")
            .ExecuteAsync(Context);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.From(LedgerErrors.Forbidden("This key may not make this request.")).ExecuteAsync(Context);
}
