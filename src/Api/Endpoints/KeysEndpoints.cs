using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Keys;
using MediatR;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>API keys (admin): issue, list and revoke.</summary>
public static class KeysEndpoints
{
    /// <summary>Maps <c>/api/keys</c>.</summary>
    public static IEndpointRouteBuilder MapKeysEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Keys").RequireRoles(Role.Admin);
        keys.MapPost("/", IssueAsync)
            .WithSummary("Issue an API key; the key is in this answer only")
            .WithDescription(
                "Admin only. `role` is admin, committee, clerk, auditor or partner; committee, clerk and partner keys name their "
                + "`communityId`, and a partner key its `partnerId`, a partner registered in that community (404 `partner-not-found`). "
                + "The answer carries the key once (`key`) and its public `keyId`, by which it is listed and revoked; only the "
                + "key's hash is stored." + IdempotencyNote)
            .Produces<IssuedApiKey>(StatusCodes.Status201Created)
            .ProducesProblems(400, 401, 403, 404, 422);

        keys.MapGet("/", ListAsync)
            .WithSummary("The issued keys, with label, role, community, issued and revoked")
            .WithDescription(
                "Admin only. Every issued key in the order issued, optionally of one `communityId` or one `role`. Never the key "
                + "nor its hash. The admin key of the configuration is not an issued key and is not listed.")
            .Produces<IReadOnlyList<ApiKeyListing>>()
            .ProducesProblems(400, 401, 403);

        keys.MapPost("/{keyId}/revoke", RevokeAsync)
            .WithSummary("Revoke a key: refused (401) from its next request on")
            .WithDescription(
                "Admin only. The revocation is an event in the key's stream, so it holds after a restart, and every server of "
                + "the ledger refuses the key within a few seconds (this one at once). `reason` is required (1 to 500 "
                + "characters). A key revoked before is a 409 `key-already-revoked` problem; an id no issued key has (the "
                + "admin key of the configuration has none) is a 404 `key-not-found`." + IdempotencyNote)
            .Produces<RevokedApiKey>()
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        keys.MapPost("/qr-code", QrCode)
            .ChangesNothing()
            .WithSummary("A key as a QR code (SVG), for the counter's sign-in")
            .WithDescription(
                "Admin only. The key travels in the body, never in an address, and the answer is not cached. Changes nothing: "
                + "the administration page shows the code of a key it has just issued, once.")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesProblems(400, 401, 403);
        return app;
    }

    private static IResult QrCode(KeyQrCodeRequest body, HttpContext http)
    {
        if (body.Key is not { Length: > 4 and <= ApiKeyPrincipals.MaxKeyLength } key || !key.StartsWith(ApiKeys.KeyPrefix, StringComparison.Ordinal)
            || !key.All(char.IsAscii))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["key"] = [$"'key' must be a key of this ledger ({ApiKeys.KeyPrefix}…)."] });
        }

        return QrCodeSvg.Answer(http.Response, key, pixelsPerModule: 6);
    }

    private static async Task<IResult> IssueAsync(
        IssueKeyRequest body,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        (await mediator.Send(new IssueApiKey(body.Role, body.CommunityId, body.Label, body.PartnerId), cancellationToken)).ToCreated();

    private static async Task<IResult> ListAsync(
        [Description("Only the keys of this community.")] string? communityId,
        [Description("Only the keys of this role: admin, committee, clerk, auditor or partner.")] string? role,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        Role? parsed = null;
        if (role is not null)
        {
            if (!Enum.TryParse<Role>(role, ignoreCase: true, out var value) || !Enum.IsDefined(value) || role.Any(char.IsDigit))
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["role"] = ["'role' must be admin, committee, clerk, auditor or partner."] });
            }

            parsed = value;
        }

        return (await mediator.Send(new ListApiKeysQuery(communityId, parsed), cancellationToken)).ToOk();
    }

    private static async Task<IResult> RevokeAsync(
        [Description("The key's public id (12 hex digits), from the issue answer or the list.")] string keyId,
        RevokeKeyRequest body,
        IMediator mediator,
        ApiKeyPrincipals principals,
        CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RevokeApiKey(keyId, body.Reason), cancellationToken);
        if (result.IsSuccess)
        {
            // This server refuses the key from its very next request; the others when their short cache runs out.
            principals.Forget(keyId);
        }

        return result.ToOk();
    }
}

/// <summary>
/// The body of <c>POST /api/keys</c>. Only these fields are read: anything else a client sends is ignored, never stored.
/// </summary>
/// <param name="Role"><c>admin</c>, <c>committee</c>, <c>clerk</c>, <c>auditor</c> or <c>partner</c>.</param>
/// <param name="CommunityId">Required for committee, clerk and partner keys; must be absent for admin and auditor keys.</param>
/// <param name="Label">Who or what holds the key, up to 100 characters.</param>
/// <param name="PartnerId">Required for a partner key: a partner registered in the community; absent for other roles.</param>
public sealed record IssueKeyRequest(Role? Role, string? CommunityId, string? Label, string? PartnerId = null);

/// <summary>The body of <c>POST /api/keys/{keyId}/revoke</c>.</summary>
/// <param name="Reason">Why the key is revoked, 1 to 500 characters.</param>
public sealed record RevokeKeyRequest(string? Reason);

/// <summary>The body of <c>POST /api/keys/qr-code</c>.</summary>
/// <param name="Key">The key just issued, to be shown as a QR code for the counter's sign-in.</param>
public sealed record KeyQrCodeRequest(string? Key);
