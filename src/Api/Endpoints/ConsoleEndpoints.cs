using System.ComponentModel;
using Ledger.Activities.ListActivities;
using Ledger.Api.Infrastructure;
using Ledger.Common;
using Ledger.Households.GetHousehold;
using Ledger.Households.GetMonthlyCaps;
using Ledger.Households.SearchHouseholds;
using MediatR;

namespace Ledger.Api.Endpoints;

/// <summary>
/// What the committee console (两委工作台) reads besides the v1 table: household search, a community's activities, an
/// item's cap left this month, and the QR code of a passbook card. All read-only.
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>Maps the console's read endpoints.</summary>
    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/communities/{cid}/households", SearchAsync)
            .WithTags("Households")
            .RequireCommunityScope()
            .RequireRoles(HouseholdsEndpoints.Readers)
            .WithSummary("Find households by passbook, head's name or member's name (extension)")
            .WithDescription(
                "Clerk or committee of this community, or an auditor. `q` (up to 100 characters) is matched, ignoring case, "
                + "anywhere in the passbook number or in any member's name (the head is a member); without it every household "
                + "is listed. A passbook equal to `q` comes first, then by passbook. `limit` (1 to 5,000, default 50) cuts "
                + "the list; `truncated` says it was cut. Not in the v1 table.")
            .Produces<HouseholdSearchResponse>()
            .ProducesProblems(400, 401, 403, 404);

        app.MapGet("/api/communities/{cid}/activities", ListActivitiesAsync)
            .WithTags("Activities")
            .RequireCommunityScope()
            .RequireRoles(HouseholdsEndpoints.Readers)
            .WithSummary("Every volunteer activity of the community (extension)")
            .WithDescription(
                "Clerk or committee of this community, or an auditor (like one activity's read). Each activity with its organiser, date, points and participations "
                + "(人次) so far, the latest date first: the console's list to add participants to later. Not in the v1 table.")
            .Produces<ActivityListResponse>()
            .ProducesProblems(400, 401, 403, 404);

        var household = app.MapGroup("/api/households/{passbook}").WithTags("Households");
        household.MapGet("/monthly-caps", async (
                [Description("The passbook number.")] string passbook, HttpResponse response, IMediator mediator, CancellationToken ct) =>
            {
                response.Headers.CacheControl = "no-store";
                return (await mediator.Send(new GetMonthlyCapsQuery(passbook), ct)).ToOk();
            })
            .RequireRoles(HouseholdsEndpoints.Readers)
            .WithSummary("What each earning points item's monthly cap leaves this household this month (extension)")
            .WithDescription(
                "Clerk or committee of the household's community, or an auditor. For every current item that earns: points "
                + "earned from it this calendar month (community zone, net of corrections), its `monthlyCap` and what is `left` "
                + "(null when the item has no cap). An award beyond `left` is refused 409 `monthly-cap-reached`."
                + HouseholdsEndpoints.NotLeaking)
            .Produces<MonthlyCapsResponse>()
            .ProducesProblems(400, 401, 403, 404);

        household.MapGet("/qr.svg", QrAsync)
            .RequireRoles(HouseholdsEndpoints.Readers)
            .WithSummary("The passbook number as a QR code, for the printed passbook card (extension)")
            .WithDescription(
                "Clerk or committee of the household's community, or an auditor. An SVG whose QR code holds the passbook "
                + "number alone, as the counter's scan field takes it (a scanner types what it reads)." + HouseholdsEndpoints.NotLeaking)
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .ProducesProblems(400, 401, 403, 404);
        return app;
    }

    private static async Task<IResult> SearchAsync(
        [Description("The community's id.")] string cid,
        [Description("Part of a passbook number or of a member's name; every household when left out.")] string? q,
        [Description("The most households to list, 1 to 5,000 (default 50).")] int? limit,
        HttpResponse response,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        return (await mediator.Send(new SearchHouseholdsQuery(cid, q, limit ?? 50), cancellationToken)).ToOk();
    }

    private static async Task<IResult> ListActivitiesAsync(
        [Description("The community's id.")] string cid, IMediator mediator, CancellationToken cancellationToken) =>
        (await mediator.Send(new ListActivitiesQuery(cid), cancellationToken)).ToOk();

    private static async Task<IResult> QrAsync(
        [Description("The passbook number.")] string passbook, HttpResponse response, IMediator mediator, CancellationToken cancellationToken)
    {
        // The household is read first, so a passbook the key cannot see gets the same 404 as everywhere else.
        var household = await mediator.Send(new GetHouseholdQuery(passbook), cancellationToken);
        if (!household.IsSuccess)
        {
            return household.Error.ToProblem();
        }

        return QrCodeSvg.Answer(response, household.Value!.Passbook, pixelsPerModule: 8);
    }
}
