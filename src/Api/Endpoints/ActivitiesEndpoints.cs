using System.ComponentModel;
using Ledger.Activities;
using Ledger.Activities.AddParticipants;
using Ledger.Activities.GetActivity;
using Ledger.Activities.ScheduleActivity;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>Volunteer activities (志愿服务活动): schedule, read with participants, add participants (each awarded once).</summary>
public static class ActivitiesEndpoints
{
    /// <summary>Maps <c>/api/communities/{cid}/activities</c>.</summary>
    public static IEndpointRouteBuilder MapActivitiesEndpoints(this IEndpointRouteBuilder app)
    {
        var activities = app.MapGroup("/api/communities/{cid}/activities").WithTags("Activities").RequireCommunityScope();
        activities.MapPost("/", ScheduleAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Schedule a volunteer activity")
            .WithDescription(
                "Committee of this community. `organizer.kind` is `enterprise` (企业), `social-organization` (社会组织) or "
                + "`partner-unit` (结对共建单位); `date` is the day (yyyy-MM-dd); `points` (1 to 1,000,000) is what each "
                + "participating member earns. The id is unique within the community (409 `activity-exists`). `sponsorshipId` (optional) "
                + "names a points budget of the organiser (the sponsor's name is the organiser's name) that funds the participants' "
                + "points: 404 `sponsorship-not-found`, 409 `not-a-points-budget` or `sponsor-not-organizer`." + IdempotencyNote)
            .Produces<ActivityResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        activities.MapGet("/{aid}", GetAsync)
            .RequireRoles(HouseholdsEndpoints.Readers)
            .WithSummary("An activity with its participants (extension)")
            .WithDescription(
                "Committee, clerk and auditor keys that may see the community (participants are household data, so not the "
                + "admin). Every (household, member) awarded so far, in the order they were added: "
                + "the committee console's tick list. Not in the v1 table.")
            .Produces<ActivityResponse>()
            .ProducesProblems(400, 401, 403, 404);

        activities.MapPost("/{aid}/participants", AddParticipantsAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Add participants and award each once")
            .WithDescription(
                "Committee of this community. 1 to 500 participants per request, each a passbook and optionally a member (the "
                + "head of household when left out). Each (household, member) is awarded the activity's points once: the answer "
                + "reports who was `awarded` now (with the household entry's `eventId`), who was `alreadyAwarded` before, and "
                + "who was `rejected` and why (`household-not-found` for an unknown passbook or one of another community, "
                + "`member-not-found`). All awards of one request land together or not at all. An activity funded by a sponsor's "
                + "budget draws every newly awarded participant's points from it in the same append; a request that would "
                + "overdraw it is 409 `budget-exhausted` and awards nobody. 201 when someone was awarded, "
                + "200 when nobody new was (nothing is recorded then)." + IdempotencyNote)
            .Produces<ParticipantsResponse>(StatusCodes.Status201Created)
            .Produces<ParticipantsResponse>()
            .ProducesProblems(400, 401, 403, 404, 409, 422);
        return app;
    }

    private static async Task<IResult> ScheduleAsync(
        [Description("The community's id.")] string cid,
        ScheduleActivityRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        if (Missing(("organizer", body.Organizer is not null), ("organizer.kind", body.Organizer is null || body.Organizer.Kind is not null),
                ("date", body.Date is not null), ("points", body.Points is not null)) is { } missing)
        {
            return missing;
        }

        var organizer = new Organizer(body.Organizer!.Kind!.Value, body.Organizer.Name!);
        var command = new ScheduleActivityCommand(cid, body.Id!, body.Title!, organizer, body.Date!.Value, body.Points!.Value, body.SponsorshipId);
        return (await mediator.Send(command, cancellationToken)).ToCreated(a => $"/api/communities/{cid}/activities/{a.Id}");
    }

    private static async Task<IResult> GetAsync(
        [Description("The community's id.")] string cid,
        [Description("The activity's id.")] string aid,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        (await mediator.Send(new GetActivityQuery(cid, aid), cancellationToken)).ToOk();

    private static async Task<IResult> AddParticipantsAsync(
        [Description("The community's id.")] string cid,
        [Description("The activity's id.")] string aid,
        AddParticipantsRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        // A null participant becomes one without a passbook, so the validator names it (participants[3].passbook).
        var participants = (body.Participants ?? []).Select(p => new ParticipantInput(p?.Passbook!, p?.Member)).ToList();
        var result = await mediator.Send(new AddParticipantsCommand(cid, aid, participants), cancellationToken);
        // The status follows from the answer itself, so a replay of a 201 is a 201 again.
        return result.ToResult(r => r.Awarded.Count > 0
            ? TypedResults.Created($"/api/communities/{cid}/activities/{aid}", r)
            : TypedResults.Ok(r));
    }
}

/// <summary>The body of <c>POST /api/communities/{cid}/activities</c>. Only these fields are read.</summary>
/// <param name="Id">The activity's id, unique within the community.</param>
/// <param name="Title">What it is, e.g. 人居环境整治.</param>
/// <param name="Organizer">Who organises it.</param>
/// <param name="Date">The day it takes place (yyyy-MM-dd).</param>
/// <param name="Points">Points each participating member earns, 1 to 1,000,000.</param>
/// <param name="SponsorshipId">Optional: a points budget of the organiser (same name) that funds the participants' points.</param>
public sealed record ScheduleActivityRequest(
    string? Id, string? Title, OrganizerRequest? Organizer, DateOnly? Date, long? Points, string? SponsorshipId = null);

/// <summary>An activity's organiser.</summary>
/// <param name="Kind"><c>enterprise</c>, <c>social-organization</c> or <c>partner-unit</c>.</param>
/// <param name="Name">Its name.</param>
public sealed record OrganizerRequest(OrganizerKind? Kind, string? Name);

/// <summary>The body of <c>POST /api/communities/{cid}/activities/{aid}/participants</c>.</summary>
/// <param name="Participants">1 to 500 participants.</param>
public sealed record AddParticipantsRequest(IReadOnlyList<ParticipantRequest?>? Participants);

/// <summary>A participant.</summary>
/// <param name="Passbook">The household's passbook number.</param>
/// <param name="Member">The member who took part; the head of household when left out.</param>
public sealed record ParticipantRequest(string? Passbook, string? Member = null);
