using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Households;
using Ledger.Households.AwardPoints;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>Awards and deductions per a points item: <c>POST /api/communities/{cid}/awards</c> (committee).</summary>
public static class AwardsEndpoints
{
    /// <summary>Maps the awards endpoint.</summary>
    public static IEndpointRouteBuilder MapAwardsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/communities/{cid}/awards", AwardAsync)
            .WithTags("Awards")
            .RequireCommunityScope()
            .RequireRoles(Role.Committee)
            .WithSummary("Award (or deduct) points per a points item")
            .WithDescription(
                "Committee of this community. Applies the item's current version to the household (a negative item deducts) and "
                + "answers the new entry with the balance after it; the entry's `eventId` is what a correction names. `occurredOn` "
                + "(`yyyy-MM-dd`) is the day the work was done, today in the community's zone when left out: it decides the "
                + "month the award counts in (periods, monthly cap); a day after today is 400, a day in a closed month 409 "
                + "`period-closed`, and a deduction occurs on the day it is recorded (any other `occurredOn` is 400). `member` "
                + "is who earned or lost the points (the head of household when left out; 422 `member-not-found` when the "
                + "household does not list them). An award past the item's monthly cap is a 409 `monthly-cap-reached` problem; "
                + "a deduction larger than the balance is a 409 `insufficient-points` problem, or under the community's "
                + "`stop-at-zero` policy applies what the balance holds (`requested` shows what was asked). A passbook of "
                + "another community is 404 `household-not-found`. Simultaneous awards to one household are serialised: each "
                + "lands exactly once." + IdempotencyNote)
            .Produces<EntryResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 401, 403, 404, 409, 422);
        return app;
    }

    private static async Task<IResult> AwardAsync(
        [Description("The community's id.")] string cid,
        AwardRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        (await mediator.Send(new AwardPointsCommand(cid, body.Passbook!, body.RuleId!, body.Member, body.Note, body.OccurredOn), cancellationToken))
        .ToCreated(e => $"/api/households/{e.Passbook}/statement");
}

/// <summary>The body of <c>POST /api/communities/{cid}/awards</c>. Only these fields are read.</summary>
/// <param name="Passbook">The household's passbook number.</param>
/// <param name="RuleId">The points item to apply (its current version).</param>
/// <param name="Member">Who earned or lost the points; the head of household when left out.</param>
/// <param name="Note">Optional remark, up to 500 characters (shown on the statement).</param>
/// <param name="OccurredOn">The day the work was done, <c>yyyy-MM-dd</c> in the community's zone; today there when left out.</param>
public sealed record AwardRequest(string? Passbook, string? RuleId, string? Member = null, string? Note = null, DateOnly? OccurredOn = null);
