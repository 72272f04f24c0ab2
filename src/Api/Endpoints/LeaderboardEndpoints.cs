using Ledger.Api.Infrastructure;
using Ledger.Leaderboards;
using Ledger.Leaderboards.GetLeaderboard;
using MediatR;

namespace Ledger.Api.Endpoints;

/// <summary>A community's leaderboard: <c>GET /api/communities/{cid}/leaderboard</c> (any key of the community, auditor).</summary>
public static class LeaderboardEndpoints
{
    /// <summary>Maps the leaderboard endpoints.</summary>
    public static IEndpointRouteBuilder MapLeaderboardEndpoints(this IEndpointRouteBuilder app)
    {
        var community = app.MapGroup("/api/communities/{cid}").WithTags("Leaderboards").RequireCommunityScope();
        community.MapGet("/leaderboard", async (
                string cid, string? period, int? top, DateTimeOffset? asOf, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new GetLeaderboardQuery(cid, period ?? "all", top, asOf), cancellationToken)).ToOk())
            .WithSummary("Households ranked by net points earned in a period (redeeming never lowers a rank)")
            .Produces<LeaderboardResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
