using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.ListPartners;
using Ledger.Communities.RegisterPartner;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>Partners (社区合伙人): register (committee), list (committee, clerk, auditor).</summary>
public static class PartnersEndpoints
{
    /// <summary>Maps <c>/api/communities/{cid}/partners</c>.</summary>
    public static IEndpointRouteBuilder MapPartnersEndpoints(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/api/communities/{cid}/partners").WithTags("Partners").RequireCommunityScope();
        partners.MapPost("/", RegisterAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Register a partner (社区合伙人)")
            .WithDescription(
                "Committee of this community. `id` is 1 to 64 letters, digits, `-` or `_`, unique within the community; `kind` is "
                + "`enterprise` (企业), `social-organisation` (社会组织), `partner-unit` (结对共建单位) or `merchant` (商户). A second "
                + "registration of the id is a 409 `partner-exists` problem; another kind is a 400 problem." + IdempotencyNote)
            .Produces<PartnerResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        partners.MapGet("/", ListAsync)
            .RequireRoles(Role.Committee, Role.Clerk, Role.Auditor)
            .WithSummary("The community's partners")
            .WithDescription("Committee and clerk keys of this community, and auditors. Ordered by id.")
            .Produces<PartnersResponse>()
            .ProducesProblems(400, 401, 403, 404);
        return app;
    }

    private static async Task<IResult> RegisterAsync(
        [Description("The community's id.")] string cid,
        RegisterPartnerRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        Missing(("kind", body.Kind is not null)) is { } missing
            ? missing
            : (await mediator.Send(new RegisterPartnerCommand(cid, body.Id!, body.Name!, body.Kind!.Value), cancellationToken))
                .WithBodyFieldNames(("partnerId", "id"))
                .ToCreated(p => $"/api/communities/{cid}/partners");

    private static async Task<IResult> ListAsync(
        [Description("The community's id.")] string cid, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new ListPartnersQuery(cid), cancellationToken)).ToOk();
}

/// <summary>The body of <c>POST /api/communities/{cid}/partners</c>.</summary>
/// <param name="Id">The partner's id: 1 to 64 letters, digits, <c>-</c> or <c>_</c>, unique within the community.</param>
/// <param name="Name">Its name, e.g. 长者发屋.</param>
/// <param name="Kind"><c>enterprise</c>, <c>social-organisation</c>, <c>partner-unit</c> or <c>merchant</c>.</param>
public sealed record RegisterPartnerRequest(string? Id, string? Name, PartnerKind? Kind);
