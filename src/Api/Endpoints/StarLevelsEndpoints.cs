using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.GetStarLevels;
using Ledger.Communities.SetStarLevels;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>Star levels (星级户): set the thresholds (committee), read them (any key that may see the community).</summary>
public static class StarLevelsEndpoints
{
    /// <summary>Maps <c>/api/communities/{cid}/star-levels</c>.</summary>
    public static IEndpointRouteBuilder MapStarLevelsEndpoints(this IEndpointRouteBuilder app)
    {
        var levels = app.MapGroup("/api/communities/{cid}/star-levels").WithTags("Star levels").RequireCommunityScope();
        levels.MapPut("/", SetAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Set the star levels (星级户) by points earned")
            .WithDescription(
                "Committee of this community. `levels` lists 1 to 5 levels in order of stars (1, 2, ...), each with the points "
                + "EARNED that reach it (awards minus deductions and corrections, as the `all` leaderboard counts them; redeeming "
                + "never lowers it), strictly increasing, 1 to 100,000,000. A change records the next `version` and applies to "
                + "what is earned after it: levels already reached are never rewritten or lowered, and a household that already "
                + "has the points of a lowered threshold reaches the level with its next entry. Sending the levels in force "
                + "changes nothing and answers `changed: false`." + IdempotencyNote)
            .Produces<StarLevelsResponse>()
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        levels.MapGet("/", GetAsync)
            .WithSummary("The star levels in force")
            .WithDescription(
                "Any key that may see the community. `version` 0 with no `levels` means the committee has set none yet.")
            .Produces<StarLevelsResponse>()
            .ProducesProblems(400, 401, 403, 404);
        return app;
    }

    private static async Task<IResult> SetAsync(
        [Description("The community's id.")] string cid,
        StarLevelsRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        (await mediator.Send(new SetStarLevelsCommand(cid, body.Levels), cancellationToken)).ToOk();

    private static async Task<IResult> GetAsync(
        [Description("The community's id.")] string cid, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetStarLevelsQuery(cid), cancellationToken)).ToOk();
}

/// <summary>The body of <c>PUT /api/communities/{cid}/star-levels</c>. Only these fields are read.</summary>
/// <param name="Levels">1 to 5 levels <c>{stars, points}</c>, stars 1, 2, ... in order, points strictly increasing.</param>
public sealed record StarLevelsRequest(IReadOnlyList<StarLevelInput?>? Levels);
