using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Ledger.Leaderboards;
using Redemption.Statistics;
using Ledger.Statistics;
using MediatR;

namespace Ledger.Api.Endpoints;

/// <summary>
/// Statistics of a community and of a district, and the district's leaderboard of communities (committee keys, auditors).
/// All three answer from async projections, after waiting briefly for them to reach the ledger's head.
/// </summary>
public static class StatisticsEndpoints
{
    private static readonly string[] Projections = ["statistics", "statistics_skus"];

    /// <summary>Maps the statistics endpoints.</summary>
    public static IEndpointRouteBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/communities/{cid}/stats", async (
                string cid, string? period, IMediator mediator, ProjectionDaemon daemon, ILedgerStore store, CancellationToken cancellationToken) =>
            {
                await daemon.CatchUpToHeadAsync(store, cancellationToken, Projections);
                var stats = await mediator.Send(new GetCommunityStatsQuery(cid, period ?? "all"), cancellationToken);
                return stats.IsSuccess
                    ? Results.Ok(stats.Value! with
                    {
                        Skus = await SkuStatisticsProjection.QueryAsync(store, cid, LeaderboardPeriod.Parse(stats.Value!.Period)!, cancellationToken),
                    })
                    : stats.ToOk();
            })
            .WithTags("Statistics")
            .RequireRoles(Role.Committee, Role.Auditor)
            .RequireCommunityScope()
            .WithSummary("A community's activities, participations (人次), households taking part, points and redemptions per sku in a period")
            .Produces<CommunityStatsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var district = app.MapGroup("/api/districts/{district}").WithTags("Statistics");
        district.MapGet("/stats", async (
                string district, string? period, IMediator mediator, ProjectionDaemon daemon, ILedgerStore store, CancellationToken cancellationToken) =>
            {
                await daemon.CatchUpToHeadAsync(store, cancellationToken, Projections);
                return (await mediator.Send(new GetDistrictStatsQuery(district, period ?? "all"), cancellationToken)).ToOk();
            })
            .RequireRoles(Role.Committee, Role.Auditor)
            .WithSummary("A district's statistics: its communities' figures summed, and each community's")
            .Produces<DistrictStatsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        district.MapGet("/leaderboard", async (
                string district, string? period, int? top, string? by, IMediator mediator, ProjectionDaemon daemon, ILedgerStore store,
                CancellationToken cancellationToken) =>
            {
                await daemon.CatchUpToHeadAsync(store, cancellationToken, Projections);
                var query = new GetDistrictLeaderboardQuery(district, period ?? "all", top, by ?? DistrictRanking.ByPoints);
                return (await mediator.Send(query, cancellationToken)).ToOk();
            })
            // The admin watches the district (its page ranks the communities): community totals, no household in them.
            .RequireRoles(Role.Admin, Role.Committee, Role.Auditor)
            .WithSummary("A district's communities ranked by points earned per household (by=points) or participations (by=participations)")
            .Produces<DistrictLeaderboardResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
