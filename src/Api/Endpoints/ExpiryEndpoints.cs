using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.GetExpiryPolicy;
using Ledger.Communities.SetExpiryPolicy;
using Ledger.Households.ExpirePoints;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>
/// Points that expire (积分有效期): the policy (set by the committee, read by any key that may see the community), a run
/// of the expiry now, and the households whose points expire soon (committee).
/// </summary>
public static class ExpiryEndpoints
{
    /// <summary>Maps <c>/api/communities/{cid}/expiry-policy</c>, <c>/expiry-runs</c> and <c>/expiring</c>.</summary>
    public static IEndpointRouteBuilder MapExpiryEndpoints(this IEndpointRouteBuilder app)
    {
        var community = app.MapGroup("/api/communities/{cid}").WithTags("Expiry").RequireCommunityScope();
        community.MapPut("/expiry-policy", SetAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Set the expiry policy (积分有效期)")
            .WithDescription(
                "Committee of this community. `{rule: \"none\"}` or `{rule: \"end-of-year\", afterYears: N}` (0 to 10): points "
                + "earned on a day of year Y expire at the end of 31 December of Y + N in the community's zone. A change records "
                + "the next `version`; each earning pins the version in force when it is recorded, so a change never touches "
                + "points already earned. Sending the policy in force answers `changed: false`." + IdempotencyNote)
            .Produces<ExpiryPolicyResponse>()
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        community.MapGet("/expiry-policy", GetAsync)
            .WithSummary("The expiry policy in force")
            .WithDescription("Any key that may see the community. `version` 0 with rule `none`: the committee has set none.")
            .Produces<ExpiryPolicyResponse>()
            .ProducesProblems(400, 401, 403, 404);

        community.MapPost("/expiry-runs", RunAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Expire now what has ended")
            .WithDescription(
                "Committee of this community. Does now what the server does by itself within a minute of a lot's end: each "
                + "household loses what is left of its points whose last day has passed (one `PointsExpired` per household, "
                + "naming the lots; never below zero, never twice). Answers how many households and points. No body.")
            .Produces<ExpiryRunResponse>()
            .ProducesProblems(400, 401, 403, 404, 409);

        community.MapGet("/expiring", ListAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Households whose points expire soon")
            .WithDescription(
                "Committee of this community. Each household with points of its balance that expire within `withinDays` (1 to "
                + "366, default 30) days from today in the community's zone: the first such day and the points, soonest first.")
            .Produces<ExpiringHouseholdsResponse>()
            .ProducesProblems(400, 401, 403, 404);
        return app;
    }

    private static async Task<IResult> SetAsync(
        [Description("The community's id.")] string cid,
        ExpiryPolicyRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        (await mediator.Send(new SetExpiryPolicyCommand(cid, body.Rule, body.AfterYears), cancellationToken)).ToOk();

    private static async Task<IResult> GetAsync(
        [Description("The community's id.")] string cid, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetExpiryPolicyQuery(cid), cancellationToken)).ToOk();

    private static async Task<IResult> RunAsync(
        [Description("The community's id.")] string cid, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new RunExpiryCommand(cid), cancellationToken)).ToOk();

    private static async Task<IResult> ListAsync(
        [Description("The community's id.")] string cid,
        [Description("Days ahead to look, 1 to 366 (default 30).")] int? withinDays,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        (await mediator.Send(new ListExpiringQuery(cid, withinDays), cancellationToken)).ToOk();
}

/// <summary>The body of <c>PUT /api/communities/{cid}/expiry-policy</c>. Only these fields are read.</summary>
/// <param name="Rule"><c>none</c> or <c>end-of-year</c>.</param>
/// <param name="AfterYears">0 to 10 with <c>end-of-year</c>; left out with <c>none</c>.</param>
public sealed record ExpiryPolicyRequest(string? Rule, int? AfterYears);
