using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.GetCommunity;
using Ledger.Communities.ListCommunities;
using Ledger.Communities.RegisterCommunity;
using Ledger.Communities.SetDeductionPolicy;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>Communities: register (admin), read with counts (any key that may see it), set the deduction policy (committee).</summary>
public static class CommunitiesEndpoints
{
    /// <summary>Maps <c>/api/communities</c> and <c>/api/communities/{cid}</c>.</summary>
    public static IEndpointRouteBuilder MapCommunitiesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/communities", RegisterAsync)
            .WithTags("Communities")
            .RequireRoles(Role.Admin)
            .WithSummary("Register a community (村/社区)")
            .WithDescription(
                "Admin only. Registers a community once: its id is 1 to 64 letters, digits, `-` or `_`; name, district and street "
                + "are free text up to 100 characters; `timeZone` is an IANA zone (default `Asia/Shanghai`) whose calendar months "
                + "and days the community's monthly caps and statements follow. A second registration of the id is a 409 "
                + "`community-exists` problem." + IdempotencyNote)
            .Produces<CommunityResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 401, 403, 409, 422);

        app.MapGet("/api/communities", ListAsync)
            .WithTags("Communities")
            .RequireRoles(Role.Admin, Role.Auditor)
            .WithSummary("Every community with district, street and counts")
            .WithDescription(
                "Admin and auditor keys. Every registered community, ordered by district, street and id, each as "
                + "`GET /api/communities/{cid}` answers it (households, points items, activities and participations).")
            .Produces<IReadOnlyList<CommunityResponse>>()
            .ProducesProblems(401, 403);

        var community = app.MapGroup("/api/communities/{cid}").WithTags("Communities").RequireCommunityScope();
        community.MapGet("/", GetAsync)
            .WithSummary("A community with its counts")
            .WithDescription(
                "Any key that may see the community: admin, auditor, or a committee or clerk key of this community (a key of "
                + "another community gets 403). Counts are households, distinct points items, activities and participations (人次).")
            .Produces<CommunityResponse>()
            .ProducesProblems(400, 401, 403, 404);

        community.MapPut("/deduction-policy", SetDeductionPolicyAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Set what a deduction larger than the balance does (extension)")
            .WithDescription(
                "Committee of this community. `refuse` (the default) answers such a deduction with a 409 `insufficient-points` "
                + "problem; `stop-at-zero` applies only what the balance holds and records both the requested and the applied "
                + "points, so the shortfall is never silent. Setting the policy already in force changes nothing. "
                + "Not in the v1 table: an extension the committee needs to choose its policy.")
            .Produces<DeductionPolicyResponse>()
            .ProducesProblems(400, 401, 403, 404, 409, 422);
        return app;
    }

    private static async Task<IResult> RegisterAsync(
        RegisterCommunityRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        (await mediator.Send(new RegisterCommunityCommand(body.Id!, body.Name!, body.District!, body.Street!, body.TimeZone), cancellationToken))
        .ToCreated(c => $"/api/communities/{c.Id}");

    private static async Task<IResult> ListAsync(IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new ListCommunitiesQuery(), cancellationToken)).ToOk();

    private static async Task<IResult> GetAsync(
        [Description("The community's id.")] string cid, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetCommunityQuery(cid), cancellationToken)).ToOk();

    private static async Task<IResult> SetDeductionPolicyAsync(
        [Description("The community's id.")] string cid,
        DeductionPolicyRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        Missing(("policy", body.Policy is not null)) is { } missing
            ? missing
            : (await mediator.Send(new SetDeductionPolicyCommand(cid, body.Policy!.Value), cancellationToken)).ToOk();
}

/// <summary>The body of <c>POST /api/communities</c>. Only these fields are read; anything else is ignored, never stored.</summary>
/// <param name="Id">The community's id: 1 to 64 letters, digits, <c>-</c> or <c>_</c>.</param>
/// <param name="Name">Its name, e.g. 津海社区.</param>
/// <param name="District">The district (区) it belongs to.</param>
/// <param name="Street">The street (街道) it belongs to.</param>
/// <param name="TimeZone">IANA time zone of its calendar; <c>Asia/Shanghai</c> when left out.</param>
public sealed record RegisterCommunityRequest(string? Id, string? Name, string? District, string? Street, string? TimeZone = null);

/// <summary>The body of <c>PUT /api/communities/{cid}/deduction-policy</c>.</summary>
/// <param name="Policy"><c>refuse</c> or <c>stop-at-zero</c>.</param>
public sealed record DeductionPolicyRequest(DeductionPolicy? Policy);
