using Ledger.Api.Infrastructure;
using Ledger.Common;
using Redemption.Redemptions;
using Redemption.Redemptions.CancelRedemption;
using Redemption.Redemptions.GetRedemption;
using Redemption.Redemptions.ListHouseholdRedemptions;
using Redemption.Redemptions.Redeem;
using MediatR;

namespace Ledger.Api.Endpoints;

/// <summary>Redemptions at the supermarket counter.</summary>
public static class RedemptionsEndpoints
{
    /// <summary>Maps the redemption endpoints.</summary>
    public static IEndpointRouteBuilder MapRedemptionsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/communities/{cid}/redemptions", async (string cid, RedeemBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new RedeemCommand(cid, body.Passbook!, body.Member,
                    body.Lines?.Select(l => new RedeemLine(l?.Sku!, l?.Quantity ?? 0)).ToList()), ct))
                .ToCreated(r => $"/api/redemptions/{r.RedemptionId}"))
            .RequireCommunityScope()
            .RequireRoles(Role.Clerk)
            .WithTags("Redemptions")
            .WithSummary("Redeem goods and services for a household's points; needs an Idempotency-Key")
            .Produces<RedemptionResponse>(StatusCodes.Status201Created)
            .ProducesSupermarketProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        app.MapGet("/api/households/{passbook}/redemptions", async (string passbook, int? limit, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new ListHouseholdRedemptionsQuery(passbook, limit), ct)).ToOk())
            .RequireRoles(HouseholdsEndpoints.Readers)
            .WithTags("Redemptions")
            .WithSummary("A household's latest redemptions, newest first, with their lines, vouchers and status")
            .WithDescription(
                "Clerk or committee of the household's community, or an auditor. `limit` is 1 to 100 (default 20). Each redemption "
                + "carries its `redemptionId`, so a clerk can cancel it from the list." + HouseholdsEndpoints.NotLeaking)
            .Produces<HouseholdRedemptionsResponse>()
            .ProducesSupermarketProblems(StatusCodes.Status404NotFound);

        var redemptions = app.MapGroup("/api/redemptions/{rid}").WithTags("Redemptions");
        redemptions.MapGet("/", async (string rid, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetRedemptionQuery(rid), ct)).ToOk())
            .RequireRoles(HouseholdsEndpoints.Readers)
            .WithSummary("The receipt as it stands, with its vouchers and any cancellation")
            .Produces<RedemptionReceipt>()
            .ProducesSupermarketProblems(StatusCodes.Status404NotFound);
        redemptions.MapPost("/cancel", async (string rid, ReasonBody body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CancelRedemptionCommand(rid, body.Reason!), ct)).ToOk())
            .RequireRoles(Role.Clerk, Role.Committee)
            .WithSummary("Cancel a redemption: refund its points and return its units")
            .Produces<CancellationResponse>()
            .ProducesSupermarketProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}

/// <summary>The body of <c>POST /api/communities/{cid}/redemptions</c>; anything else sent is ignored.</summary>
/// <param name="Passbook">The paying household.</param>
/// <param name="Member">Who redeems; the head of household when left out.</param>
/// <param name="Lines">The basket: 1 to 50 lines; lines of the same sku are merged.</param>
public sealed record RedeemBody(string? Passbook, string? Member, IReadOnlyList<RedeemLineBody?>? Lines);

/// <summary>One basket line.</summary>
/// <param name="Sku">The item.</param>
/// <param name="Quantity">Units: 1 to 1000.</param>
public sealed record RedeemLineBody(string? Sku, int? Quantity);
