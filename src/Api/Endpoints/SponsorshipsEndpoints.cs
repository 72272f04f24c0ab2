using System.ComponentModel;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Sponsorships;
using Ledger.Sponsorships.GetSponsorship;
using Ledger.Sponsorships.ListSponsorships;
using Ledger.Sponsorships.RecordSponsorship;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using static Ledger.Api.Endpoints.EndpointConventions;

namespace Ledger.Api.Endpoints;

/// <summary>Sponsorships (爱心企业、共建单位): record goods or a points budget (committee), read given, used and remaining.</summary>
public static class SponsorshipsEndpoints
{
    /// <summary>Who may read sponsorships (a partner key its own only: <c>SponsorshipAccess</c> decides).</summary>
    public static readonly Role[] Readers = [Role.Committee, Role.Auditor, Role.Partner];

    /// <summary>Maps <c>/api/communities/{cid}/sponsorships</c>.</summary>
    public static IEndpointRouteBuilder MapSponsorshipsEndpoints(this IEndpointRouteBuilder app)
    {
        var sponsorships = app.MapGroup("/api/communities/{cid}/sponsorships").WithTags("Sponsorships").RequireCommunityScope();
        sponsorships.MapPost("/", RecordAsync)
            .RequireRoles(Role.Committee)
            .WithSummary("Record a sponsorship: donated goods or a points budget")
            .WithDescription(
                "Committee of this community. `partnerId` is a registered partner (404 `partner-not-found`). `kind: goods` with "
                + "`sku` and `quantity` (1 to 1,000,000) receives that many units of listed goods into stock, credited to the "
                + "donor, in the same append (404 `catalog-item-not-found`, 409 `item-not-goods`); `kind: points` with `points` (1 to "
                + "100,000,000) is a budget the partner funds, which activities it organises may name as `sponsorshipId`. The id is "
                + "unique within the community (409 `sponsorship-exists`)." + IdempotencyNote)
            .Produces<SponsorshipResponse>(StatusCodes.Status201Created)
            .ProducesProblems(400, 401, 403, 404, 409, 422);

        sponsorships.MapGet("/", ListAsync)
            .RequireRoles(Readers)
            .WithSummary("The community's sponsorships with each budget's use")
            .WithDescription(
                "Committee keys of this community, auditors, and partner keys of this community, which see only their own "
                + "partner's. Ordered by id; a points budget shows given, used and remaining.")
            .Produces<SponsorshipListResponse>()
            .ProducesProblems(400, 401, 403, 404);

        sponsorships.MapGet("/{id}", GetAsync)
            .RequireRoles(Readers)
            .WithSummary("A sponsorship: given, used, remaining, and where its points went")
            .WithDescription(
                "Committee keys of this community, auditors, and the key of the partner who gave it (another partner's key is "
                + "403). A points budget lists each activity that drew on it (points and "
                + "participations); `used` never exceeds `given`. Goods show the units given (`used` and `remaining` are null).")
            .Produces<SponsorshipResponse>()
            .ProducesProblems(400, 401, 403, 404);
        return app;
    }

    private static async Task<IResult> RecordAsync(
        [Description("The community's id.")] string cid,
        RecordSponsorshipRequest body,
        [FromHeader(Name = "Idempotency-Key"), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        Missing(("kind", body.Kind is not null)) is { } missing
            ? missing
            : (await mediator.Send(
                    new RecordSponsorshipCommand(cid, body.Id!, body.PartnerId!, body.Kind, body.Sku, body.Quantity, body.Points, body.Note),
                    cancellationToken))
                .ToCreated(s => $"/api/communities/{cid}/sponsorships/{s.Id}");

    private static async Task<IResult> ListAsync(
        [Description("The community's id.")] string cid, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new ListSponsorshipsQuery(cid), cancellationToken)).ToOk();

    private static async Task<IResult> GetAsync(
        [Description("The community's id.")] string cid,
        [Description("The sponsorship's id.")] string id,
        IMediator mediator,
        CancellationToken cancellationToken) =>
        (await mediator.Send(new GetSponsorshipQuery(cid, id), cancellationToken)).ToOk();
}

/// <summary>The body of <c>POST /api/communities/{cid}/sponsorships</c>. Only these fields are read.</summary>
/// <param name="Id">The sponsorship's id, unique within the community.</param>
/// <param name="PartnerId">The registered partner who gives it.</param>
/// <param name="Kind"><c>goods</c> or <c>points</c>.</param>
/// <param name="Sku">Goods: the listed goods received.</param>
/// <param name="Quantity">Goods: units received.</param>
/// <param name="Points">Points: the budget.</param>
/// <param name="Note">Optional remark.</param>
public sealed record RecordSponsorshipRequest(
    string? Id, string? PartnerId, SponsorshipKind? Kind, string? Sku = null, long? Quantity = null, long? Points = null, string? Note = null);
