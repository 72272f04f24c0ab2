using Ledger.Api.Infrastructure;
using Ledger.Leaderboards;
using Ledger.Leaderboards.GetLeaderboard;
using System.ComponentModel;
using MediatR;

namespace Ledger.Api.Endpoints;

/// <summary>A community's leaderboard: <c>GET /api/communities/{cid}/leaderboard</c> (any key of the community, auditor).</summary>
public static class LeaderboardEndpoints
{
    /// <summary>Maps the leaderboard endpoints.</summary>
    public static IEndpointRouteBuilder MapLeaderboardEndpoints(this IEndpointRouteBuilder app)
    {
        var community = app.MapGroup("/api/communities/{cid}").WithTags("Leaderboards").RequireCommunityScope();
        community.MapGet("/leaderboard", GetAsync)
            .WithSummary("Households ranked by net points earned in a period (redeeming never lowers a rank)")
            .WithDescription(
                "Any key of the community, or an auditor. Without `asOf` or `atPosition` the board comes from the live read "
                + "model; with `asOf` (ISO 8601) it is recomputed from the events recorded up to that time, with `atPosition` from "
                + "the events up to that global ledger position (what a published honour roll records). Give one, not both.")
            .Produces<LeaderboardResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(
        string cid, string? period, int? top, DateTimeOffset? asOf,
        [Description("Optional global ledger position: the board as it stood there. Not with `asOf`.")] string? atPosition,
        IMediator mediator, CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Message)>();
        if (!QueryValues.TryParsePosition(atPosition, out var position, errors, "atPosition"))
        {
            return Problems.Validation(errors.ToErrorMap());
        }

        return (await mediator.Send(new GetLeaderboardQuery(cid, period ?? "all", top, asOf, position), cancellationToken)).ToOk();
    }
}
