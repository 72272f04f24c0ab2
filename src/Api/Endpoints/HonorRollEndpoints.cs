using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.HonorRolls;
using Ledger.HonorRolls.GetHonorRoll;
using Ledger.HonorRolls.PublishHonorRoll;
using Ledger.HonorRolls.VerifyHonorRoll;
using Ledger.Leaderboards;
using MediatR;

namespace Ledger.Api.Endpoints;

/// <summary>
/// Honour rolls: publish (committee), read as JSON or CSV (any key of the community, auditor) or as the public
/// printable HTML poster, and verify against the events at the recorded ledger position.
/// </summary>
public static class HonorRollEndpoints
{
    /// <summary>Maps the honour-roll endpoints.</summary>
    public static IEndpointRouteBuilder MapHonorRollEndpoints(this IEndpointRouteBuilder app)
    {
        var rolls = app.MapGroup("/api/communities/{cid}/honor-rolls").WithTags("Honour rolls");
        rolls.MapPost("/", async (string cid, PublishHonorRollRequest body, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new PublishHonorRollCommand(cid, body.Period ?? "", body.Top ?? 0), cancellationToken))
                    .ToCreated(r => $"/api/communities/{r.CommunityId}/honor-rolls/{r.Period}"))
            .RequireCommunityScope()
            .RequireRoles(Role.Committee)
            .WithSummary("Publish a period's honour roll once; it records the ledger position and head hash it was computed at")
            .Produces<HonorRollResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        rolls.MapGet("/{period}", GetAsync)
            .AllowAnonymous()
            .WithSummary("The published roll: json or csv for keys of the community, html (a printable A4 poster) for anyone")
            .Produces<HonorRollResponse>()
            .Produces<string>(StatusCodes.Status200OK, "text/html", "text/csv")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        rolls.MapGet("/{period}/verify", async (string cid, string period, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new VerifyHonorRollQuery(cid, period), cancellationToken)).ToOk())
            .RequireCommunityScope()
            .WithSummary("Recompute the roll at its recorded position and compare")
            .Produces<HonorRollVerification>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(
        string cid, string period, string? format, string? lang, HttpContext http, CancellationToken cancellationToken)
    {
        switch (format ?? "json")
        {
            case "html":
                // Public: anyone may read a published poster, so nothing here depends on the caller.
                var store = http.RequestServices.GetRequiredService<ILedgerStore>();
                var registry = http.RequestServices.GetRequiredService<EventTypeRegistry>();
                var canonical = LeaderboardPeriod.Parse(period)?.Text;
                var roll = LedgerRules.IsId(cid) && canonical is not null
                    ? await HonorRollComputation.LoadAsync(store, registry, cid, canonical, cancellationToken)
                    : null;
                if (roll is null)
                {
                    return HonorRollErrors.NotFound(cid, period).ToProblem();
                }

                var zone = (await LeaderboardReadModel.FindCommunityAsync(store, cid, cancellationToken))?.TimeZone
                    ?? CommunityCalendar.DefaultTimeZone;
                return TypedResults.Content(HonorRollPoster.Render(roll, zone, lang == "en"), "text/html; charset=utf-8");
            case "json" or "csv":
                if (!http.RequestServices.GetRequiredService<HttpCommandContext>().IsAuthenticated)
                {
                    return Results.Challenge();
                }

                var result = await http.RequestServices.GetRequiredService<IMediator>().Send(new GetHonorRollQuery(cid, period), cancellationToken);
                return format == "csv"
                    ? result.ToResult(r => TypedResults.Text(HonorRollCsv.Render(r), "text/csv; charset=utf-8"))
                    : result.ToOk();
            default:
                return Problems.Validation(new Dictionary<string, string[]> { ["format"] = ["'format' must be json, csv or html."] });
        }
    }
}

/// <summary>The body of <c>POST /api/communities/{cid}/honor-rolls</c>.</summary>
/// <param name="Period"><c>2025-03</c>, <c>2025-Q1</c>, <c>2025</c> or <c>all</c>.</param>
/// <param name="Top">Ranks to print, 1 to 100.</param>
public sealed record PublishHonorRollRequest(string? Period, int? Top);
