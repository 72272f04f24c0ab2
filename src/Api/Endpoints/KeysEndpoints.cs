using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Keys;
using MediatR;

namespace Ledger.Api.Endpoints;

/// <summary>API keys: <c>POST /api/keys</c> (admin).</summary>
public static class KeysEndpoints
{
    /// <summary>Maps the key endpoints.</summary>
    public static IEndpointRouteBuilder MapKeysEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Keys").RequireRoles(Role.Admin);
        keys.MapPost("/", async (IssueKeyRequest body, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new IssueApiKey(body.Role, body.CommunityId, body.Label), cancellationToken)).ToCreated())
            .WithSummary("Issue an API key; the key is in this answer only")
            .Produces<IssuedApiKey>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}

/// <summary>
/// The body of <c>POST /api/keys</c>. Only these fields are read: anything else a client sends is ignored, never stored.
/// </summary>
/// <param name="Role"><c>admin</c>, <c>committee</c>, <c>clerk</c> or <c>auditor</c>.</param>
/// <param name="CommunityId">Required for committee and clerk keys; must be absent for admin and auditor keys.</param>
/// <param name="Label">Who or what holds the key, up to 100 characters.</param>
public sealed record IssueKeyRequest(Role? Role, string? CommunityId, string? Label);
