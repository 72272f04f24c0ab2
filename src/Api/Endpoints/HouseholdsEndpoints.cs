using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Households;
using Ledger.Households.CorrectEntry;
using Ledger.Households.GetHousehold;
using Ledger.Households.OpenHousehold;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>Households (户): open an account (committee), read it (clerk, committee, auditor), correct an entry (committee).</summary>
public static class HouseholdsEndpoints
{
    /// <summary>Who may read a household, its statement included: the v1 table's "clerk, committee (own community), auditor".</summary>
    internal static readonly Role[] Readers = [Role.Clerk, Role.Committee, Role.Auditor];

    /// <summary>What every passbook-addressed description says about other communities.</summary>
    internal const string NotLeaking =
        " A passbook of a community the key cannot see is answered 404 `household-not-found`, exactly like one that does not "
        + "exist, so keys cannot probe other communities' passbooks.";

    /// <summary>Maps <c>POST /api/communities/{cid}/households</c> and <c>/api/households/{passbook}</c>.</summary>
    public static IEndpointRouteBuilder MapHouseholdsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/communities/{cid}/households", OpenAsync)
            .WithTags("Households")
            .RequireCommunityScope()
            .RequireRoles(Role.Committee)
            .WithSummary("Open a household's points passbook (积分存折)")
            .WithDescription(
                "Committee of this community. The passbook number is unique in the whole ledger (409 `household-exists` "
                + "otherwise). The head of household is always a member and is listed first; `members` adds the others "
                + "(at most 50). Only the fields of the body are read: a balance, version, community or time sent along is "
                + "ignored and never stored; the account starts at 0 points in the community of the route." + IdempotencyNote)
            .Produces<HouseholdResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        var households = app.MapGroup("/api/households/{passbook}").WithTags("Households");
        households.MapGet("/", GetAsync)
            .RequireRoles(Readers)
            .WithSummary("A household's account: balance and totals")
            .WithDescription(
                "Clerk or committee of the household's community, or an auditor. `balance = earned - deducted - corrected - "
                + "redeemed + refunded`; `version` is the account's stream version; `starLevel` is the highest star level (星级户) "
                + "reached (0 for none; never lowered, even when a correction takes points earned back below its threshold). "
                + "With `asOf` the account is shown as it stood then (a household opened later is 404)." + NotLeaking)
            .Produces<HouseholdResponse>()
            .ProducesProblems(400, 401, 403, 404);

        households.MapPost("/corrections", CorrectAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Correct (reverse) one earlier award, deduction or activity award")
            .WithDescription(
                "Committee of the household's community. Nothing is edited: a new entry names the reversed one (`eventId`, the "
                + "`eventId` of an award or a statement line) and why. The balance moves back even when the points were already "
                + "spent, so it may go negative; redemptions are then refused until it is positive again. An entry is corrected "
                + "once (409 `already-corrected`); an event that is not an award or deduction is 422 `not-correctable`."
                + NotLeaking + IdempotencyNote)
            .Produces<CorrectionResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 401, 403, 404, 409, 422);
        return app;
    }

    private static async Task<IResult> OpenAsync(
        [Description("The community's id.")] string cid,
        OpenHouseholdRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        (await mediator.Send(new OpenHouseholdCommand(cid, body.Passbook!, body.HeadName!, body.Members, body.Address), cancellationToken))
        .ToCreated(h => $"/api/households/{h.Passbook}");

    private static async Task<IResult> GetAsync(
        [Description("The passbook number.")] string passbook,
        [Description("Optional ISO 8601 time with an offset: the account as it stood then.")] string? asOf,
        HttpResponse response,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var errors = new List<(string Field, string Message)>();
        if (!QueryValues.TryParseTime(asOf, out var time, errors, "asOf"))
        {
            return Problems.Validation(errors.ToErrorMap());
        }

        // A household's account is personal: no shared cache may keep it.
        response.Headers.CacheControl = "no-store";
        return (await mediator.Send(new GetHouseholdQuery(passbook, time), cancellationToken)).ToOk();
    }

    private static async Task<IResult> CorrectAsync(
        [Description("The passbook number.")] string passbook,
        CorrectionRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        (await mediator.Send(new CorrectEntryCommand(passbook, body.EventId ?? Guid.Empty, body.Reason!), cancellationToken))
        .ToCreated(c => $"/api/households/{c.Passbook}/statement");
}

/// <summary>
/// The body of <c>POST /api/communities/{cid}/households</c>. Only these fields are read: a balance, version, community
/// id or recorded time sent along is ignored and never stored.
/// </summary>
/// <param name="Passbook">The passbook number: 1 to 64 letters, digits, <c>-</c> or <c>_</c>, unique in the ledger.</param>
/// <param name="HeadName">The head of household (户主).</param>
/// <param name="Members">The other members (the head may be listed too; repeats are dropped). At most 50.</param>
/// <param name="Address">Optional address, up to 500 characters.</param>
public sealed record OpenHouseholdRequest(string? Passbook, string? HeadName, IReadOnlyList<string>? Members = null, string? Address = null);

/// <summary>The body of <c>POST /api/households/{passbook}/corrections</c>.</summary>
/// <param name="EventId">The event id of the award, deduction or activity award to reverse.</param>
/// <param name="Reason">Why, up to 500 characters (shown on the statement).</param>
public sealed record CorrectionRequest(Guid? EventId, string? Reason);
