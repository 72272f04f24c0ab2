using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.DefinePointsItem;
using Ledger.Communities.ListPointsItems;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>Points items (积分项目): define or revise (committee), list the current versions (any key that may see the community).</summary>
public static class RulesEndpoints
{
    /// <summary>Maps <c>/api/communities/{cid}/rules</c>.</summary>
    public static IEndpointRouteBuilder MapRulesEndpoints(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/communities/{cid}/rules").WithTags("Rules").RequireCommunityScope();
        rules.MapPost("/", DefineAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Define or revise a points item")
            .WithDescription(
                "Committee of this community. `points` is positive to earn and negative to deduct (扣分), non-zero, at most "
                + "1,000,000 either way; `monthlyCap` (earning items only, at least `points`) is the most one household may earn "
                + "from the item in one calendar month of the community's zone. Sending an item id again with a different "
                + "definition records its next version (201; awards pin the version that applied); sending the definition already "
                + "in force changes nothing and answers 200 with `changed: false`." + IdempotencyNote)
            .Produces<PointsItemResponse>(StatusCodes.Status201Created)
            .Produces<PointsItemResponse>()
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        rules.MapGet("/", ListAsync)
            .WithSummary("The current points items")
            .WithDescription("Any key that may see the community. The current version of every item, ordered by id.")
            .Produces<IReadOnlyList<PointsItemResponse>>()
            .ProducesProblems(400, 401, 403, 404);
        return app;
    }

    private static async Task<IResult> DefineAsync(
        [Description("The community's id.")] string cid,
        DefinePointsItemRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        if (Missing(("points", body.Points is not null)) is { } missing)
        {
            return missing;
        }

        var command = new DefinePointsItemCommand(cid, body.Id!, body.Name!, body.Category!, body.Points!.Value, body.MonthlyCap);
        var result = (await mediator.Send(command, cancellationToken)).WithBodyFieldNames(("ruleId", "id"));
        // The answer says whether it changed anything, so a replay of a 201 is a 201 again.
        return result.ToResult(item => item.Changed == false
            ? TypedResults.Ok(item)
            : TypedResults.Created($"/api/communities/{cid}/rules", item));
    }

    private static async Task<IResult> ListAsync(
        [Description("The community's id.")] string cid, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new ListPointsItemsQuery(cid), cancellationToken)).ToOk();
}

/// <summary>The body of <c>POST /api/communities/{cid}/rules</c>. Only these fields are read; anything else is ignored.</summary>
/// <param name="Id">The item's id, stable across its versions.</param>
/// <param name="Name">What residents do to earn (or lose) the points, e.g. 人居环境整治.</param>
/// <param name="Category">A free grouping, e.g. 人居环境, 志愿服务, 扣分.</param>
/// <param name="Points">Positive earns, negative deducts; non-zero, at most 1,000,000 either way.</param>
/// <param name="MonthlyCap">Optional: the most points one household may earn from the item per calendar month.</param>
public sealed record DefinePointsItemRequest(string? Id, string? Name, string? Category, long? Points, long? MonthlyCap = null);
