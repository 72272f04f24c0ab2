using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Communities;
using Ledger.Communities.ClosePeriod;
using Ledger.Communities.ListPeriods;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>Month close (月结): close an ended month (committee), list the closed months (any key that may see the community).</summary>
public static class PeriodsEndpoints
{
    /// <summary>Maps <c>/api/communities/{cid}/periods</c>.</summary>
    public static IEndpointRouteBuilder MapPeriodsEndpoints(this IEndpointRouteBuilder app)
    {
        var periods = app.MapGroup("/api/communities/{cid}/periods").WithTags("Periods").RequireCommunityScope();
        periods.MapPost("/{month}/close", CloseAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Close a month's books (月结)")
            .WithDescription(
                "Committee of this community. `month` is `yyyy-MM` in the community's zone and must have ended (409 "
                + "`period-not-ended`); closing it twice is 409 `period-already-closed`. From then on an award or participation "
                + "dated in it is 409 `period-closed`. Honour rolls already published stay as published. No body." + IdempotencyNote)
            .Produces<ClosedPeriodResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        periods.MapGet("/", ListAsync)
            .WithSummary("The closed months, with who closed them and when")
            .WithDescription("Any key that may see the community. Oldest month first.")
            .Produces<ClosedPeriodsResponse>()
            .ProducesProblems(400, 401, 403, 404);
        return app;
    }

    private static async Task<IResult> CloseAsync(
        [Description("The community's id.")] string cid,
        [Description("The month, yyyy-MM.")] string month,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        (await mediator.Send(new ClosePeriodCommand(cid, month), cancellationToken)).ToCreated(_ => $"/api/communities/{cid}/periods");

    private static async Task<IResult> ListAsync(
        [Description("The community's id.")] string cid, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new ListPeriodsQuery(cid), cancellationToken)).ToOk();
}
